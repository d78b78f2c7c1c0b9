// The explicit list of modules (no autoload). Order matters only for navigation links.
import type { Kysely } from "kysely";
import type { DB } from "../platform/db/schema.ts";
import type { App, AppDeps } from "../platform/http/types.ts";
import * as admin from "./admin/index.ts";
import * as analysis from "./analysis/index.ts";
import * as promises from "./promises/index.ts";
import * as tenants from "./tenants/index.ts";
import * as users from "./users/index.ts";

export type Module = { name: string; register(app: App, deps: AppDeps): Promise<void> };

export const modules: Module[] = [tenants, users, admin, promises, analysis];

/** Demo data per module for the Osby tenant, run after the foundation seed; each is idempotent. */
export const demoSeeders: Array<(db: Kysely<DB>, tenantId: string) => Promise<void>> = [promises.seedPromisesDemo, analysis.seedAnalysisDemo];
