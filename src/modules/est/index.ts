// EST – Effektiv Samordning för Trygghet (module `est`): what the module is for, in one or two sentences. Listed once in
// src/modules/index.ts; everything the platform needs from it is in the object below.
import type { TryggModule } from "../../platform/module.ts";
import { seedEstDemo } from "./demo.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerEstRoutes } from "./routes.ts";

export const estModule: TryggModule = {
  name: "est",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerEstRoutes,
  navigation: [{ label: "est.nav", path: "/est", order: 50 }],
  publicLinks: [{ order: 50, label: "est.nav", description: "est.publicLink.description", path: "/est" }],
  demo: seedEstDemo,
  testing: () => import("./testing.ts"),
};
