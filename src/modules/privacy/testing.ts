// The privacy module's pages for the accessibility sweep.
import type { ModuleTesting } from "../../platform/module.ts";

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "gallringsregler", path: "/t/osby/admin/gallring", viewers: ["admin"] },
  { name: "invånares personuppgifter", path: "/t/osby/admin/personuppgifter", viewers: ["admin"] },
];

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  "POST /t/:tenant/admin/personuppgifter/radera": () => ({ body: { email: "invanare@test.example" } }),
  "GET /t/:tenant/admin/personuppgifter/utdrag.json": () => ({ query: { email: "invanare@test.example" } }),
};
