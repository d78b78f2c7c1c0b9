// Medborgarlöften: promise documents owned jointly by kommun and police, their promises with
// measurable targets, activities logged against them, progress computed from the activities,
// follow-up verdicts, public pages, tagged PDFs, an API and open data.
import type { App } from "../../platform/http/types.ts";
import "./messages.ts";
import { registerPromiseRoutes } from "./routes/index.ts";
import { registerPromiseWidgets } from "./widgets.ts";

export const name = "promises";
registerPromiseWidgets();

export async function register(app: App): Promise<void> {
  await registerPromiseRoutes(app);
}

export { seedPromisesDemo } from "./demo/seed.ts";
