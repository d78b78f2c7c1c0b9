// What the sweeps need from the est module: rows for the isolation sweep (with the ids
// that fill route parameters) and the pages of the accessibility sweep.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { nasty } from "../../platform/testing/factories.ts";
import { insertItem } from "./repo.ts";

export async function isolationFixtures(db: Kysely<DB>, tenantId: string): Promise<Record<string, string>> {
  const item = await insertItem(db, tenantId, { title: nasty("Post"), body: nasty("Text"), status: "utkast" }, null);
  return { itemId: item.id };
}

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  "POST /api/t/:tenant/est": () => ({ body: { title: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/est": () => ({ body: { title: "Isolationsprov" } }),
};

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "est (publik)", path: "/t/osby/est", viewers: ["public"] },
  { name: "est (personal)", path: "/t/osby/arbete/est", viewers: [...ROLES] },
];
