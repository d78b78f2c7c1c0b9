// The role × route matrix (docs/access-matrix.md and test/sweeps/access-matrix.int.test.ts): for
// every route in the route registry and every kind of viewer — anonymous, each tenant role, a
// system administrator, and a signed-in person with a role only in another municipality — what
// the route's pipeline decides (allowed, 401, 403, 404). The decision is the pipeline's own
// (`decide` in platform/http/pipeline.ts: tenant, resources within it, access level, `visible`,
// `can` — the module's policy), evaluated on the modules' isolation fixtures, so a route added by
// any module is in the matrix without anyone listing it. The test sends every request over HTTP
// and holds the answers to these decisions; the document is rendered from the same rows.
import type { Kysely } from "kysely";
import { modules } from "../../modules/index.ts";
import type { Actor } from "../auth/actor.ts";
import { loadActorForUser } from "../auth/session.ts";
import { ROLES, type DB, type Role } from "../db/schema.ts";
import { type Declared, decide, declaredPipeline, specOf } from "../http/pipeline.ts";
import type { TenantRow } from "../http/types.ts";
import type { FixtureExtras, ModuleTesting } from "../module.ts";
import { findTenantBySlug } from "../tenancy/resolve.ts";
import { makeTenant, makeUser } from "./factories.ts";
import { collectFixtures, type FixtureSource, fillRoute, fixtureFor } from "./isolation.ts";
import { type RegisteredRoute, registeredRoutes, routeParams } from "./routes.ts";

export type Viewer = "anonym" | Role | "systemadmin" | "annan-kommun";
export const VIEWERS: readonly Viewer[] = ["anonym", ...ROLES, "systemadmin", "annan-kommun"];

/** allowed: the pipeline lets the request through to the handler. */
export type Outcome = "allowed" | 401 | 403 | 404;

export type MatrixRow = {
  method: string;
  url: string;
  declared: Declared;
  outcomes: Record<Viewer, Outcome>;
};

export type MatrixInputs = {
  fixtureSources: FixtureSource[];
  requestOverrides: NonNullable<ModuleTesting["requestOverrides"]>;
  auditExemptions: Record<string, string>;
};

export async function matrixInputs(): Promise<MatrixInputs> {
  const out: MatrixInputs = { fixtureSources: [], requestOverrides: {}, auditExemptions: {} };
  for (const m of modules) {
    const testing = m.testing ? await m.testing() : {};
    if (testing.isolationFixtures) out.fixtureSources.push({ module: m.name, isolationFixtures: testing.isolationFixtures });
    Object.assign(out.requestOverrides, testing.requestOverrides ?? {});
    Object.assign(out.auditExemptions, testing.auditExemptions ?? {});
  }
  return out;
}

export type MatrixWorld = {
  tenant: TenantRow;
  actors: Map<Viewer, { userId: string | null; actor: Actor | null }>;
  fixtures: Map<string, { id: string; module: string }>;
  inputs: MatrixInputs;
};

/**
 * One tenant with the modules' fixtures and one person per kind of viewer. Given an earlier world,
 * its people are reused (each role's person gets the same role in the new tenant): a fresh world
 * after a write that used up the fixtures costs one tenant and its fixtures.
 */
export async function matrixWorld(db: Kysely<DB>, extras: FixtureExtras, prior?: MatrixWorld): Promise<MatrixWorld> {
  const inputs = prior?.inputs ?? (await matrixInputs());
  const made = await makeTenant(db);
  const tenant = (await findTenantBySlug(db, made.slug))!;
  const fixtures = await collectFixtures(db, tenant.id, inputs.fixtureSources, extras);
  const actors = new Map<Viewer, { userId: string | null; actor: Actor | null }>();
  actors.set("anonym", { userId: null, actor: null });
  for (const role of ROLES) {
    const userId = prior ? prior.actors.get(role)!.userId! : (await makeUser(db, null, null)).id;
    await db.insertInto("memberships").values({ tenant_id: tenant.id, user_id: userId, role, organisation_id: null }).execute();
    actors.set(role, { userId, actor: await loadActorForUser(db, userId) });
  }
  const sysId = prior ? prior.actors.get("systemadmin")!.userId! : (await makeUser(db, null, null, { isSystemAdmin: true })).id;
  actors.set("systemadmin", { userId: sysId, actor: await loadActorForUser(db, sysId) });
  let strangerId = prior?.actors.get("annan-kommun")?.userId ?? null;
  if (!strangerId) strangerId = (await makeUser(db, (await makeTenant(db)).id, "admin")).id;
  actors.set("annan-kommun", { userId: strangerId, actor: await loadActorForUser(db, strangerId) });
  return { tenant, actors, fixtures, inputs };
}

/** The routes of the matrix: every route that declares a pipeline, in a stable order. */
export function matrixRoutes(app: object): RegisteredRoute[] {
  return registeredRoutes(app)
    .filter((r) => declaredPipeline(r.config) !== undefined)
    .sort((x, y) => x.url.localeCompare(y.url) || x.method.localeCompare(y.method));
}

/** Path parameter values for a route in the world's tenant, or null when a fixture is missing. */
export function paramsFor(r: RegisteredRoute, world: Pick<MatrixWorld, "tenant" | "fixtures">): Record<string, string> | null {
  const values: Record<string, string> = { tenant: world.tenant.slug };
  for (const p of routeParams(r.url)) {
    if (p === "tenant") continue;
    const id = fixtureFor(world.fixtures, r.url, p);
    if (!id) return null;
    values[p] = id;
  }
  return values;
}

export function urlFor(r: RegisteredRoute, values: Record<string, string>): string {
  const declared = declaredPipeline(r.config)!;
  const url = fillRoute(r.url, values);
  return typeof declared.tenant === "object" ? `${url}?${new URLSearchParams({ [declared.tenant.query]: values.tenant! })}` : url;
}

/** What the route's pipeline decides for one viewer on the world's fixtures. */
export async function decisionFor(db: Kysely<DB>, r: RegisteredRoute, world: MatrixWorld, viewer: Viewer): Promise<Outcome> {
  const declared = declaredPipeline(r.config)!;
  const spec = specOf(declared);
  if (!spec) throw new Error(`${r.method} ${r.url}: pipeline utan spec`);
  const values = paramsFor(r, world);
  if (!values) throw new Error(`${r.method} ${r.url}: parameter utan fixtur`);
  const d = await decide(spec, db, { actor: world.actors.get(viewer)!.actor, tenant: declared.tenant === "none" ? null : world.tenant, params: values });
  return d.kind === "pass" ? "allowed" : d.status;
}

/** Every route with a fixture for each parameter, with every viewer's decision. */
export async function buildAccessMatrix(db: Kysely<DB>, app: object, world: MatrixWorld): Promise<{ rows: MatrixRow[]; untested: string[] }> {
  const rows: MatrixRow[] = [];
  const untested: string[] = [];
  for (const r of matrixRoutes(app)) {
    if (!paramsFor(r, world)) {
      untested.push(`${r.method} ${r.url}`);
      continue;
    }
    const outcomes = {} as Record<Viewer, Outcome>;
    for (const v of VIEWERS) outcomes[v] = await decisionFor(db, r, world, v);
    rows.push({ method: r.method, url: r.url, declared: declaredPipeline(r.config)!, outcomes });
  }
  return { rows, untested };
}

/** The roles (of the six) a row lets through. */
export function allowedRoles(row: MatrixRow): Role[] {
  return ROLES.filter((role) => row.outcomes[role] === "allowed");
}

const CELL: Record<string, string> = { allowed: "✓", "401": "401", "403": "403", "404": "404" };
const HEAD: Record<Viewer, string> = {
  anonym: "anonym",
  admin: "admin",
  samordnare: "samordnare",
  polis: "polis",
  rapportor: "rapportör",
  atgardsagare: "åtgärdsägare",
  lasare: "läsare",
  systemadmin: "systemadmin",
  "annan-kommun": "annan kommun",
};

/** docs/access-matrix.md from the rows (the same rows the test holds the routes to). */
export function renderAccessMatrix(rows: readonly MatrixRow[], untested: readonly string[]): string {
  const lines: string[] = [];
  lines.push("# Roll × väg: vem får göra vad");
  lines.push("");
  lines.push(
    "Genererad av `node scripts/access-matrix.ts` ur vägregistret och varje vägs deklarerade pipeline (åtkomstnivå, `visible`, `can` – modulens policy), prövad på modulernas isolationsfixturer. `test/sweeps/access-matrix.int.test.ts` skickar varje begäran över HTTP som varje roll och kräver exakt dessa utfall, och fallerar när den här filen inte stämmer med koden. Redigera inte för hand.",
  );
  lines.push("");
  lines.push(
    "✓ = släpps fram till vägens hanterare (som sedan kan svara 400, 409 … efter innehållet); 401 = inte inloggad (sidor: till inloggningen); 403 = policyn säger nej; 404 = finns inte för den som frågar (annan kommun, ingen roll, inte synlig). *annan kommun* = inloggad administratör i en annan kommun. Fixturerna: ett publicerat medborgarlöfte med löfte, aktivitet och bilaga, en hot spot-körning, platser, områden, organisationer m.m. – en åtgärdsägare utan organisation är inte ansvarig för fixturens löfte.",
  );
  lines.push("");
  lines.push(
    "Kolumnen *roller* är vägens deklarerade `roles` (vad regeln ska släppa igenom på rollen ensam); *härledd* = vägen har regler men ingen deklaration.",
  );
  lines.push("");
  lines.push(`| metod | väg | nivå | roller | ${VIEWERS.map((v) => HEAD[v]).join(" | ")} |`);
  lines.push(`|---|---|---|---|${VIEWERS.map(() => "---").join("|")}|`);
  for (const r of rows) {
    const d = r.declared;
    const hasRules = d.rules.visible || d.rules.can;
    const roles = d.roles ? d.roles.join(", ") : hasRules ? `härledd: ${allowedRoles(r).join(", ") || "ingen"}` : "";
    const note = d.rolesNote ? ` (${d.rolesNote})` : "";
    lines.push(`| ${r.method} | \`${r.url}\` | ${d.access} | ${roles}${note} | ${VIEWERS.map((v) => CELL[String(r.outcomes[v])]).join(" | ")} |`);
  }
  if (untested.length) {
    lines.push("");
    lines.push("Vägar utan fixtur för någon parameter (prövas inte här; isoleringssvepet kräver fixturer för kommunvägar):");
    lines.push("");
    for (const u of untested) lines.push(`- \`${u}\``);
  }
  lines.push("");
  return lines.join("\n");
}
