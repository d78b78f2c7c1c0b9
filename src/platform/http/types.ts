// Request and instance decorations shared by all routes.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Config } from "../../config/index.ts";
import type { PublicCache } from "../cache/public-cache.ts";
import type { Actor } from "../auth/actor.ts";
import type { Database } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import type { Locale, Translate } from "../i18n/i18n.ts";
import type { IncidentSource } from "../incidents/sources.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { NavLink, PromiseIndicatorSource, PublicLink, PublicNotice, StaffWidget } from "../module.ts";
import type { Storage } from "../storage/storage.ts";
import type { TenantRef } from "./page-context.ts";

export type AppDeps = {
  config: Config;
  database: Database;
  mailer: Mailer;
  storage: Storage;
  /** Where log lines go (JSON, one per line); default standard output. Tests capture them here. */
  logStream?: { write(line: string): void };
};

export type TenantRow = TenantRef & { lan: string; settings: Record<string, unknown> };

/** What the modules contribute to shared pages, collected once from the module list. */
export type AppUi = {
  navigation: readonly NavLink[];
  publicLinks: readonly PublicLink[];
  publicNotices: readonly PublicNotice[];
  staffWidgets: readonly StaffWidget[];
  /** Every module's incident sources, in module order (src/platform/incidents/sources.ts). */
  incidentSources: readonly IncidentSource[];
  promiseIndicators: readonly PromiseIndicatorSource[];
};

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
    db: Kysely<DB>;
    ui: AppUi;
    /** Public answers rendered once per change (routes that declare `publicCache` in their pipeline). */
    publicCache: PublicCache;
    renderErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, message?: string): string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    t: Translate;
    /** Set by the route pipeline on routes that declare a tenant (404 before the handler when unknown). */
    tenant: TenantRow | null;
    sessionToken: string | undefined;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
