// What a backup holds and in which order a restore inserts it, read from the database's own
// catalog (so every table a module adds is included without a list to keep): every base table of
// the `public` schema except the migrator's bookkeeping, its columns, primary key and foreign
// keys. Tables are ordered so that a row is inserted after the rows it refers to; a foreign key
// inside a cycle (organisations.parent_id → organisations, organisations → organisation_tenants →
// organisations) is broken by inserting one of its nullable columns as NULL first and setting it
// once every row is in.
import { type Kysely, sql } from "kysely";

/** Tables that are not data: the migrator's own (restore runs the migrations instead). */
export const NOT_DATA = new Set(["schema_migrations", "schema_migrations_lock"]);

export type Column = { name: string; nullable: boolean; generated: boolean; identityAlways: boolean };
export type TablePlan = {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Columns inserted as NULL and set afterwards (they close a cycle of foreign keys). */
  deferred: string[];
};
export type Plan = { tables: TablePlan[]; sequences: string[] };

type ForeignKey = { name: string; table: string; ref: string; columns: string[] };

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function readPlan(db: Kysely<unknown>): Promise<Plan> {
  const tables = (
    await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db)
  ).rows
    .map((r) => r.table_name)
    .filter((t) => !NOT_DATA.has(t));
  const cols = (
    await sql<{ table_name: string; column_name: string; is_nullable: string; is_generated: string; identity_generation: string | null }>`
      SELECT table_name, column_name, is_nullable, is_generated, identity_generation
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db)
  ).rows;
  const pks = (
    await sql<{ table_name: string; column_name: string }>`
      SELECT tc.table_name, kcu.column_name
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu
        ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
      WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
      ORDER BY tc.table_name, kcu.ordinal_position`.execute(db)
  ).rows;
  const fks = (
    await sql<{ name: string; tbl: string; ref: string; cols: string[] | string }>`
      SELECT c.conname AS name, cl.relname AS tbl, rf.relname AS ref,
             array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_class rf ON rf.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'
      ORDER BY cl.relname, c.conname`.execute(db)
  ).rows.map((r): ForeignKey => ({ name: r.name, table: r.tbl, ref: r.ref, columns: parseArray(r.cols) }));
  const sequences = (
    await sql<{ sequence_name: string }>`
      SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY sequence_name`.execute(db)
  ).rows.map((r) => r.sequence_name);

  const plans = new Map<string, TablePlan>();
  for (const t of tables) {
    plans.set(t, {
      name: t,
      columns: cols
        .filter((c) => c.table_name === t)
        .map((c) => ({
          name: c.column_name,
          nullable: c.is_nullable === "YES",
          generated: c.is_generated === "ALWAYS",
          identityAlways: c.identity_generation === "ALWAYS",
        })),
      primaryKey: pks.filter((p) => p.table_name === t).map((p) => p.column_name),
      deferred: [],
    });
  }
  const keys = fks.filter((f) => plans.has(f.table) && plans.has(f.ref));
  return { tables: order(plans, keys), sequences };
}

/** `{a,b}` (a text array as some drivers return it) or an array. */
function parseArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean)
    .map((x) => x.replace(/^"|"$/g, ""));
}

/** Strongly connected components (Tarjan), as a map table → component number. */
function components(nodes: string[], edges: Map<string, string[]>): Map<string, number> {
  let index = 0;
  let count = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        comp.set(w, count);
        if (w === v) break;
      }
      count++;
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return comp;
}

function order(plans: Map<string, TablePlan>, keys: ForeignKey[]): TablePlan[] {
  const names = [...plans.keys()];
  const edges = new Map<string, string[]>();
  for (const k of keys) edges.set(k.table, [...(edges.get(k.table) ?? []), k.ref]);
  const comp = components(names, edges);
  // A key inside a cycle (same component, or a table referring to itself) is inserted NULL first:
  // the nullable column of the key that no other key of the table needs.
  const hard: ForeignKey[] = [];
  for (const k of keys) {
    if (comp.get(k.table) !== comp.get(k.ref) && k.table !== k.ref) {
      hard.push(k);
      continue;
    }
    const plan = plans.get(k.table)!;
    const nullable = k.columns.filter((c) => plan.columns.find((x) => x.name === c)?.nullable && !plan.primaryKey.includes(c));
    const elsewhere = new Set(keys.filter((o) => o !== k && o.table === k.table && comp.get(o.table) !== comp.get(o.ref)).flatMap((o) => o.columns));
    const pick = nullable.find((c) => !elsewhere.has(c)) ?? nullable[0];
    // A key that cannot wait (no nullable column, or no primary key to set it by later) orders
    // the tables like any other; if the cycle cannot be broken anywhere, ordering says so below.
    if (!pick || plan.primaryKey.length === 0) {
      hard.push(k);
      continue;
    }
    if (!plan.deferred.includes(pick)) plan.deferred.push(pick);
  }
  // Topological order over the remaining keys (a table after those it refers to), by name when free.
  const needs = new Map<string, Set<string>>();
  for (const n of names) needs.set(n, new Set());
  for (const k of hard) needs.get(k.table)!.add(k.ref);
  const out: TablePlan[] = [];
  const done = new Set<string>();
  while (out.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...needs.get(n)!].every((d) => done.has(d)));
    if (ready.length === 0) {
      const left = names.filter((n) => !done.has(n));
      throw new Error(`säkerhetskopiering: kan inte ordna tabellerna (cirkel av främmande nycklar): ${left.join(", ")}`);
    }
    for (const n of ready) {
      done.add(n);
      out.push(plans.get(n)!);
    }
  }
  return out;
}
