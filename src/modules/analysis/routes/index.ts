// All routes of the analysis module, in one place.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { App } from "../../../platform/http/types.ts";
import { registerApiRoutes } from "./api.ts";
import { registerPageRoutes } from "./pages.ts";

const CSS = readFileSync(new URL("../web/analysis.css", import.meta.url), "utf8");

export async function registerAnalysisRoutes(app: App): Promise<void> {
  app.get("/static/analysis/analysis.css", { schema: { hide: true, response: { 200: z.string() } } }, async (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(CSS),
  );
  await registerPageRoutes(app);
  await registerApiRoutes(app);
}
