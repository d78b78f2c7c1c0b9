// What the sweeps need from the walks module: rows for the isolation sweep (with the ids
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
  "POST /api/t/:tenant/walks": () => ({ body: { title: "Isolationsprov" } }),
  "POST /t/:tenant/arbete/walks": () => ({ body: { title: "Isolationsprov" } }),
};

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "walks (publik)", path: "/t/osby/walks", viewers: ["public"] },
  { name: "walks (personal)", path: "/t/osby/arbete/walks", viewers: [...ROLES] },
];
