// The tenant-scope guard: a Kysely plugin on the app's database in every integration test
// (createTestApp). It reads each query the app runs and fails the query — and the test file, at
// close — when a SELECT, UPDATE or DELETE touches a tenant-owned table (one with a tenant_id
// column) and nowhere compares a tenant_id column with a value (`tenant_id = $1`,
// `tenant_id in (…)`). Deliberate cross-tenant queries are built from acrossTenants(db)
// (platform/db/across-tenants.ts) and pass.
//
// What it proves and what not: it catches the query that forgot the tenant altogether (the
// usual bug). It does not check that every table of a join is scoped — joins follow composite
// foreign keys (tenant_id, id), which the database holds to one tenant — nor that the value is
// the request's tenant. INSERTs are not checked: their references are held by the composite keys.
import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { isAcrossTenants } from "../db/across-tenants.ts";

type QueryId = PluginTransformQueryArgs["queryId"];
type AnyNode = OperationNode & Record<string, unknown>;

const CHECKED = new Set(["SelectQueryNode", "UpdateQueryNode", "DeleteQueryNode", "RawNode"]);
const VALUES = new Set(["ValueNode", "ValueListNode", "PrimitiveValueListNode"]);
const SCOPING_OPERATORS = new Set(["=", "in"]);

function isNode(x: unknown): x is AnyNode {
  return typeof x === "object" && x !== null && typeof (x as { kind?: unknown }).kind === "string";
}

function isTenantColumn(n: unknown): boolean {
  if (!isNode(n)) return false;
  if (n.kind === "ReferenceNode") return isTenantColumn(n.column);
  return n.kind === "ColumnNode" && (n.column as { name?: string }).name === "tenant_id";
}

/** Raw SQL scopes when a fragment ends in `tenant_id =` / `tenant_id in (` before a parameter. */
const RAW_SCOPE = /\btenant_id"?\s*(=|in\s*\()\s*$/i;
const RAW_TABLE = /\b(?:from|join|update)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * The tenant-owned tables a query touches without comparing tenant_id to a value anywhere, or []
 * when the query is scoped (or is not a SELECT, UPDATE, DELETE or raw query).
 */
export function unscopedTenantTables(root: RootOperationNode, tenantTables: ReadonlySet<string>): string[] {
  if (!CHECKED.has(root.kind)) return [];
  const touched = new Set<string>();
  let scoped = false;
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    if (!isNode(x)) return;
    switch (x.kind) {
      case "TableNode": {
        const name = (x.table as { identifier: { name: string } }).identifier.name;
        if (tenantTables.has(name)) touched.add(name);
        return;
      }
      case "ReferenceNode":
        // `r.tenant_id`: the table part names an alias or a table already in FROM.
        return;
      case "BinaryOperationNode": {
        const op = (x.operator as { operator: string }).operator;
        if (
          SCOPING_OPERATORS.has(op) &&
          ((isTenantColumn(x.leftOperand) && isNode(x.rightOperand) && VALUES.has(x.rightOperand.kind)) ||
            (isTenantColumn(x.rightOperand) && isNode(x.leftOperand) && VALUES.has(x.leftOperand.kind)))
        )
          scoped = true;
        break;
      }
      case "RawNode": {
        const fragments = x.sqlFragments as readonly string[];
        for (let i = 0; i < fragments.length - 1; i++) if (RAW_SCOPE.test(fragments[i]!)) scoped = true;
        for (const f of fragments) for (const m of f.matchAll(RAW_TABLE)) if (tenantTables.has(m[1]!.toLowerCase())) touched.add(m[1]!.toLowerCase());
        break;
      }
    }
    for (const value of Object.values(x)) if (typeof value === "object") visit(value);
  };
  visit(root);
  return scoped ? [] : [...touched].sort();
}

export type TenantScopeGuard = KyselyPlugin & {
  /** Every unscoped query seen so far (createTestApp's close() fails the file when there is one). */
  readonly violations: readonly string[];
};

/** The guard for a database whose tenant-owned tables are `tenantTables`. */
export function tenantScopeGuard(tenantTables: readonly string[]): TenantScopeGuard {
  const tables = new Set(tenantTables);
  const pending = new WeakMap<QueryId, string>();
  const violations: string[] = [];
  const compiler = new PostgresQueryCompiler();
  return {
    violations,
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      const unscoped = unscopedTenantTables(node, tables);
      if (unscoped.length) {
        const text = compiler.compileQuery(node, queryId).sql;
        pending.set(queryId, `${unscoped.join(", ")}: ${text}`);
      }
      return node;
    },
    // Judged after every plugin has seen the query: acrossTenants marks it in its own transformQuery,
    // which runs after this guard's (plugins run in the order they were added).
    async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const problem = pending.get(queryId);
      if (problem && !isAcrossTenants(queryId)) {
        violations.push(problem);
        throw new Error(
          `Frågan rör en kommuns tabell utan tenant_id = värde (lägg till .where("tenant_id", "=", tenantId), eller bygg en avsiktlig fråga över alla kommuner från acrossTenants(db)): ${problem}`,
        );
      }
      return result;
    },
  };
}
