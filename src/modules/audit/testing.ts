// The audit module's pages for the accessibility sweep (the Osby demo admin is a system administrator too).
import type { ModuleTesting } from "../../platform/module.ts";

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "granskningsloggen", path: "/t/osby/admin/logg", viewers: ["admin"] },
  { name: "granskningsloggen, filtrerad", path: "/t/osby/admin/logg?action=signin.success&from=2020-01-01", viewers: ["admin"] },
  { name: "granskningsloggen för hela Trygg", path: "/admin/logg", viewers: ["admin"] },
];

export const sweepExemptions: NonNullable<ModuleTesting["sweepExemptions"]> = {};
