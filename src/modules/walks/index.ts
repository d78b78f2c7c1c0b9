// Trygghetsvandringar (module `walks`): what the module is for, in one or two sentences. Listed once in
// src/modules/index.ts; everything the platform needs from it is in the object below.
import type { TryggModule } from "../../platform/module.ts";
import { seedWalksDemo } from "./demo.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerWalksRoutes } from "./routes.ts";

export const walksModule: TryggModule = {
  name: "walks",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerWalksRoutes,
  navigation: [{ label: "walks.nav", path: "/walks", order: 50 }],
  publicLinks: [{ order: 50, label: "walks.nav", description: "walks.publicLink.description", path: "/walks" }],
  demo: seedWalksDemo,
  testing: () => import("./testing.ts"),
};
