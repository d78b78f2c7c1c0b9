// Deliberate cross-tenant queries say so: `acrossTenants(db).selectFrom("outbox")…`. Every other
// query on a tenant-owned table compares tenant_id with the request's tenant. In production the
// mark does nothing; in tests the tenant-scope guard (platform/testing/tenant-scope.ts) fails any
// unmarked query that reads or changes a tenant-owned table without tenant_id = value.
// Use it only where crossing tenants is the point: a person's roles in all tenants, the system
// administrator's outbox, mail delivery. See docs/decisions/0013.
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";

type QueryId = PluginTransformQueryArgs["queryId"];

const marked = new WeakSet<QueryId>();

const MARK: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    marked.add(args.queryId);
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  },
};

/** The same database, with every query built from it marked as deliberately crossing tenants. */
export function acrossTenants<T>(db: Kysely<T>): Kysely<T> {
  return db.withPlugin(MARK);
}

/** Whether the query was built through acrossTenants (known once all plugins transformed it). */
export function isAcrossTenants(queryId: QueryId): boolean {
  return marked.has(queryId);
}
