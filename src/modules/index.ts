// The explicit list of modules (no autoload, no import-time registration). A new module is its
// folder plus one line here. Order matters for navigation, widgets and the demo seed.
import { FOUNDATION_MIGRATIONS } from "../platform/db/migrate.ts";
import { installMessages } from "../platform/i18n/i18n.ts";
import type { TryggModule } from "../platform/module.ts";
import { estModule } from "./est/index.ts";
import { surveysModule } from "./surveys/index.ts";
import { walksModule } from "./walks/index.ts";
import { adminModule } from "./admin/index.ts";
import { analysisModule } from "./analysis/index.ts";
import { promisesModule } from "./promises/index.ts";
import { reportsModule } from "./reports/index.ts";
import { tenantsModule } from "./tenants/index.ts";
import { usersModule } from "./users/index.ts";

export const modules: readonly TryggModule[] = [
  tenantsModule,
  usersModule,
  adminModule,
  promisesModule,
  analysisModule,
  reportsModule,
  estModule,
  surveysModule,
  walksModule,
];

/** The migration folders: the foundation's, then each module's (numbers are unique across all). */
export function migrationDirs(): URL[] {
  return [FOUNDATION_MIGRATIONS, ...modules.flatMap((m) => (m.migrations ? [m.migrations] : []))];
}

/** Install every module's messages (buildApp does this; code that renders without an app calls it). */
export function installModuleMessages(): void {
  installMessages(modules.map((m) => m.messages));
}
