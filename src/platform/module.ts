// The module contract. Every feature of Trygg is one module object, listed once in
// src/modules/index.ts; the platform builds the app from that list (no import-time registries):
// messages, migrations, routes, navigation, staff-page widgets, public start-page links, styles,
// jobs, the Osby demo and — loaded only by tests — the fixtures of the isolation and
// accessibility sweeps. See CONTRIBUTING.md for the folder template.
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { DB, Role } from "./db/schema.ts";
import type { SafeHtml } from "./http/html.ts";
import type { PageContext } from "./http/page-context.ts";
import type { App, AppDeps } from "./http/types.ts";
import type { MessageBundle } from "./i18n/i18n.ts";
import type { IncidentSource } from "./incidents/sources.ts";
import type { Storage } from "./storage/storage.ts";

/** A link in a tenant's public navigation: label key, path below /t/{slug}. */
export type NavLink = { label: string; path: string; order: number };

/** A card on the tenant's public start page ("what Trygg is for <kommun>"). */
export type PublicLink = { order: number; label: string; description: string; path: string };

/**
 * A notice on the tenant's public start page that shows only while it has something to say (an
 * open survey, an upcoming walk); null otherwise. Rendered after the public links.
 */
export type PublicNotice = { order: number; render(req: FastifyRequest, ctx: PageContext, tenantId: string): Promise<SafeHtml | null> };

/**
 * An indicator another module names for a promise (a survey item in an area, for instance): the
 * promise's pages show it with a link to its figures and its latest value. `label` may carry
 * content marks (src/platform/i18n/content.ts).
 */
export type PromiseIndicator = { lineageId: string; label: string; href: string; latest: string | null };
/** The tables behind an indicator must bump the tenant's public version (the promise pages are cached, decision 0015). */
export type PromiseIndicatorSource = {
  indicators(
    db: Kysely<DB>,
    tenant: { id: string; slug: string; settings: Record<string, unknown> },
    lineageIds: readonly string[],
    locale: "sv" | "en",
  ): Promise<PromiseIndicator[]>;
};

/** A section of the staff start page (/t/{slug}/arbete); null when the actor has nothing there. */
export type StaffWidget = { order: number; render(req: FastifyRequest, ctx: PageContext, tenantId: string): Promise<SafeHtml | null> };

/** A background job (pg-boss queue) and, optionally, its schedule. */
export type JobSpec = {
  name: string;
  run(data: Record<string, unknown>, deps: AppDeps): Promise<void>;
  /** cron expression (Europe/Stockholm) for a scheduled job; scheduled only when `enabled(config)` says so. */
  cron?: string;
  enabled?(deps: AppDeps): boolean;
};

/** What the demo seed may use besides the database (absent in tests that seed without files). */
export type DemoDeps = { storage?: Storage };

/** Who views a page in the accessibility sweep: anonymous, or the Osby demo user of a role. */
export type Viewer = "public" | Role;

/** A page of the accessibility sweep (test/e2e/a11y-sweep): visited by each viewer, axe and 320 px checked. */
export type SweepPage = {
  name: string;
  path: string;
  viewers: Viewer[];
  /** Expected status (default 200). */
  status?: number;
  /** A selector to wait for (map islands). */
  waitFor?: string;
};

/** What fixtures may use besides the database. */
export type FixtureExtras = { storage: Storage };

/** What the tenant-isolation sweep needs from a module (see src/platform/testing/isolation.ts). */
export type ModuleTesting = {
  /**
   * Rows of this module for one tenant, with the ids that fill route parameters (`paramName` or
   * `name@/url/prefix`). `storage` is the test app's file storage, for fixtures whose routes serve
   * the bytes of a file (a public photo).
   */
  isolationFixtures?: (db: Kysely<DB>, tenantId: string, extras: FixtureExtras) => Promise<Record<string, string>>;
  /** Request bodies/queries a route needs to reach its handler ("METHOD /url/pattern" → request). */
  requestOverrides?: Record<string, (ids: Record<string, string>) => { query?: Record<string, string>; body?: Record<string, unknown>; json?: boolean }>;
  /** Routes the isolation sweep does not check, each with its reason (printed on every run). */
  isolationExemptions?: Record<string, string>;
  /** Pages of the accessibility sweep (with the Osby demo's ids). */
  sweepPages?: SweepPage[];
  /** GET page routes deliberately left out of the accessibility sweep ("GET /url/pattern" → reason). */
  sweepExemptions?: Record<string, string>;
  /**
   * Staff file routes (downloads: CSV, PDF, JSON, photos) that need no `audit` declaration on their
   * pipeline ("GET /url/pattern" → reason: e.g. nothing in it is personal data). Every other
   * non-public `present: "file"` route must declare `audit` (test/sweeps/access-matrix.int.test.ts).
   */
  auditExemptions?: Record<string, string>;
};

/**
 * One processing activity of the register of processing activities (GDPR art. 30), declared by
 * the module next to its tables; docs/register-of-processing.md is rendered from these
 * (scripts/register-of-processing.ts) and a test fails when a table of the database is in none.
 */
export type ProcessingActivity = {
  name: string;
  purpose: string;
  /** Legal basis (art. 6, and art. 9/10 where it applies). */
  legalBasis: string;
  dataSubjects: string[];
  categories: string[];
  recipients: string[];
  /** How long, in words (the configurable rules are in `retention`). */
  retention: string;
  /** The database tables that hold it. */
  tables: string[];
  safeguards?: string;
};

/**
 * A kind of data the daily retention job removes or anonymises when older than the tenant's
 * setting for it (src/modules/privacy; tenant settings, key "privacy"); null days = kept.
 */
export type RetentionRule = {
  kind: string;
  /** Catalog key of the kind's name (shown on the settings page). */
  label: string;
  defaultDays: number | null;
  /** Remove (or anonymise) the tenant's rows older than `before`; returns how many. */
  apply(db: Kysely<DB>, tenantId: string, before: Date): Promise<number>;
};

/**
 * What the module stores about a resident who left an e-mail address (reports, subscriptions,
 * walk sign-ups …): for the extract and the erasure a resident may ask for (GDPR art. 15, 17).
 * Staff accounts are not residents (their data is in the users module and the audit log).
 */
export type PersonalDataHolder = {
  /** Everything stored about the address in the tenant, by kind (rows as plain JSON). */
  find(db: Kysely<DB>, tenantId: string, email: string): Promise<Record<string, unknown[]>>;
  /** Erase or anonymise it; how many rows of each kind were affected. */
  erase(db: Kysely<DB>, tenantId: string, email: string): Promise<Record<string, number>>;
};

export type TryggModule = {
  name: string;
  /** Message catalogs, Swedish source and English; keys start with the module's namespace. */
  messages: MessageBundle;
  /** Folder of numbered SQL migrations (NNNN_name.sql; numbers unique across all modules). */
  migrations?: URL;
  /** Register the module's routes (each declares its pipeline; see platform/http/pipeline.ts). */
  routes(app: App, deps: AppDeps): Promise<void> | void;
  /** Links in the tenant's public navigation. */
  navigation?: NavLink[];
  publicLinks?: PublicLink[];
  publicNotices?: PublicNotice[];
  staffWidgets?: StaffWidget[];
  /** Indicators this module names for promises (see PromiseIndicatorSource). */
  promiseIndicators?: PromiseIndicatorSource;
  /** Stylesheets, concatenated after web/styles.css into /static/styles.css. */
  styles?: URL[];
  jobs?: JobSpec[];
  /** Kinds of incidents the module stores, for pictures built from several of them (the weekly lägesbild). */
  incidentSources?: IncidentSource[];
  /** The module's part of the Osby demo (run only outside production, on an empty database). */
  demo?: (db: Kysely<DB>, tenantId: string, deps?: DemoDeps) => Promise<void>;
  /**
   * Called once by the server process (main.ts) after migrations, before it listens: put right
   * what a previous process left half-done when it died (runs still marked "running"), start the
   * module's own timers. Not called by tests' createTestApp (call it yourself there).
   */
  onStart?: (deps: AppDeps, log: FastifyBaseLogger) => Promise<void>;
  /** Called when the app closes (worker pools, timers and the like). */
  onClose?: () => Promise<void>;
  /** The module's processing activities (register of processing, GDPR art. 30). */
  processing?: ProcessingActivity[];
  /** Kinds of data the daily retention job removes after the tenant's retention period. */
  retention?: RetentionRule[];
  /** What the module holds about a resident by e-mail address (extract and erasure). */
  personalData?: PersonalDataHolder;
  /** Test-only parts, loaded lazily so production never imports factories. */
  testing?: () => Promise<ModuleTesting>;
};

/** Checks the list at start: unique module names and incident source keys. */
export function checkModules(modules: readonly TryggModule[]): void {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`modulen "${m.name}" finns två gånger i src/modules/index.ts`);
    names.add(m.name);
  }
  const sources = new Map<string, string>();
  for (const m of modules)
    for (const s of m.incidentSources ?? []) {
      const prior = sources.get(s.key);
      if (prior) throw new Error(`händelsekällan "${s.key}" finns i både ${prior} och ${m.name}`);
      sources.set(s.key, m.name);
    }
}
