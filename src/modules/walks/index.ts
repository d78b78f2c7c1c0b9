// Medborgarvandringar och trygghetsvandringar (module `walks`): plan the walk (route, darkness,
// invitation with sign-up and förmöte viewpoints), capture observations on a phone even without
// network, turn them into a protocol with an action list sent to the owners, publish it (page and
// tagged PDF) and follow it through the closing meeting to the re-walk.
import type { TryggModule } from "../../platform/module.ts";
import { seedWalksDemo } from "./demo/seed.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerWalksRoutes } from "./routes/index.ts";
import { navigation, publicLinks, walksWidget } from "./widgets.ts";

export const walksModule: TryggModule = {
  name: "walks",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerWalksRoutes,
  navigation,
  publicLinks,
  staffWidgets: [walksWidget],
  styles: [new URL("./web/walks.css", import.meta.url)],
  demo: seedWalksDemo,
  testing: () => import("./testing.ts"),
};

// For other modules: the walks' observations as incidents of the lägesbild (beside residents'
// reports and EST incidents), and the ids of the Osby demo walk.
export { walkIncidents, walksIncidentSource, type WalkIncident } from "./incidents.ts";
export { DEMO_ACTION_IDS, DEMO_WALK_IDS } from "./demo/seed.ts";
