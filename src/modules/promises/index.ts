// Medborgarlöften: promise documents owned jointly by kommun and police, their promises with
// measurable targets, activities logged against them, progress computed from the activities,
// follow-up verdicts, public pages, tagged PDFs, an API and open data.
import { processing } from "./processing.ts";
import type { TryggModule } from "../../platform/module.ts";
import { seedPromisesDemo } from "./demo/seed.ts";
import en from "./messages/en.json" with { type: "json" };
import sv from "./messages/sv.json" with { type: "json" };
import { registerPromiseRoutes } from "./routes/index.ts";
import { behindWidget, navigation, publicLinks } from "./widgets.ts";

export const promisesModule: TryggModule = {
  name: "promises",
  messages: { sv, en },
  migrations: new URL("./migrations/", import.meta.url),
  routes: registerPromiseRoutes,
  navigation,
  publicLinks,
  staffWidgets: [behindWidget],
  styles: [new URL("./web/promises.css", import.meta.url)],
  demo: seedPromisesDemo,
  processing,
  testing: () => import("./testing.ts"),
};

export { DEMO_DOCUMENT_IDS } from "./demo/seed.ts";
