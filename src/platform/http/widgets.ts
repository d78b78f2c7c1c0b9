// The staff start page shows the tenant's open work; each module contributes a section.
import type { FastifyRequest } from "fastify";
import type { SafeHtml } from "./html.ts";
import type { PageContext } from "./page-context.ts";

export type StaffWidget = { order: number; render(req: FastifyRequest, ctx: PageContext, tenantId: string): Promise<SafeHtml | null> };
const widgets: StaffWidget[] = [];

export function registerStaffWidget(w: StaffWidget): void {
  widgets.push(w);
  widgets.sort((a, b) => a.order - b.order);
}

export function staffWidgets(): readonly StaffWidget[] {
  return widgets;
}

/** Links on the tenant's public start page ("what Trygg is for <kommun>"). */
export type PublicLink = { order: number; label: string; description: string; path: string };
const publicLinks: PublicLink[] = [];
export function registerPublicLink(l: PublicLink): void {
  if (publicLinks.some((p) => p.path === l.path)) return;
  publicLinks.push(l);
  publicLinks.sort((a, b) => a.order - b.order);
}
export function publicLinksList(): readonly PublicLink[] {
  return publicLinks;
}
