// All routes of the promises module, in one place.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { App } from "../../../platform/http/types.ts";
import { registerApiDocumentRoutes } from "./api-documents.ts";
import { registerApiWorkRoutes } from "./api-work.ts";
import { registerOpenDataRoutes } from "./open-data.ts";
import { registerPublicRoutes } from "./public.ts";
import { registerStaffActivityRoutes } from "./staff-activities.ts";
import { registerStaffDocumentRoutes } from "./staff-documents.ts";
import { registerStaffLifecycleRoutes } from "./staff-lifecycle.ts";
import { registerStaffPromiseRoutes } from "./staff-promises.ts";

const CSS = readFileSync(new URL("../web/promises.css", import.meta.url), "utf8");

export async function registerPromiseRoutes(app: App): Promise<void> {
  app.get("/static/promises/promises.css", { schema: { hide: true, response: { 200: z.string() } } }, async (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(CSS),
  );
  await registerPublicRoutes(app);
  await registerStaffDocumentRoutes(app);
  await registerStaffLifecycleRoutes(app);
  await registerStaffPromiseRoutes(app);
  await registerStaffActivityRoutes(app);
  await registerApiDocumentRoutes(app);
  await registerApiWorkRoutes(app);
  await registerOpenDataRoutes(app);
}
