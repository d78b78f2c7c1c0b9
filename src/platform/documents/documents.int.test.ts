// The platform's document helpers against a real database (PGlite and PostgreSQL): history
// rows, optimistic locking and versions, on throw-away tables of the documented shape.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { type ColumnType, type Generated, type Kysely, sql } from "kysely";
import { createTestDatabase } from "../testing/harness.ts";
import { listEvents, recordEvent } from "./events.ts";
import { deleteWithVersion, updateWithVersion } from "./locking.ts";
import { findInSeries, markSuperseded, nextRevision } from "./versions.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TestDB = {
  test_documents: {
    id: Generated<string>;
    tenant_id: string;
    series_id: string;
    revision: ColumnType<number, number | undefined, number>;
    supersedes_id: string | null;
    superseded_by_id: ColumnType<string | null, string | null | undefined, string | null>;
    title: string;
    status: ColumnType<string, string | undefined, string>;
    version: ColumnType<number, number | undefined, number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  test_document_events: {
    id: Generated<number>;
    tenant_id: string;
    document_id: string;
    action: string;
    actor_id: string | null;
    actor_name: string | null;
    note: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
};

describe("platform documents", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Kysely<TestDB>;
  const tenant = randomUUID();
  const other = randomUUID();

  before(async () => {
    database = await createTestDatabase();
    db = database.db as unknown as Kysely<TestDB>;
    await sql`CREATE TABLE test_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL, series_id uuid NOT NULL,
      revision int NOT NULL DEFAULT 1, supersedes_id uuid, superseded_by_id uuid, title text NOT NULL,
      status text NOT NULL DEFAULT 'utkast', version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, series_id, revision))`.execute(db);
    await sql`CREATE TABLE test_document_events (
      id bigserial PRIMARY KEY, tenant_id uuid NOT NULL, document_id uuid NOT NULL, action text NOT NULL,
      actor_id uuid, actor_name text, note text,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  });
  after(async () => database?.close());
  beforeEach(async () => {
    await db.deleteFrom("test_document_events").execute();
    await db.deleteFrom("test_documents").execute();
  });

  async function insert(tenantId: string, values: Partial<{ series_id: string; revision: number; status: string; title: string }> = {}) {
    return db
      .insertInto("test_documents")
      .values({
        tenant_id: tenantId,
        series_id: values.series_id ?? randomUUID(),
        revision: values.revision,
        status: values.status,
        title: values.title ?? "Protokoll",
        supersedes_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  it("records and lists a document's history in order, within the tenant", async () => {
    const doc = await insert(tenant);
    const user = randomUUID();
    await recordEvent(db, "test_document_events", tenant, doc.id, { action: "created", actor: { userId: user, name: "Åsa Öberg" } });
    await recordEvent(db, "test_document_events", tenant, doc.id, { action: "sent", actor: { userId: null, name: null }, note: "till <b>ägare</b>" });
    await recordEvent(db, "test_document_events", other, doc.id, { action: "leaked", actor: { userId: null, name: null } });
    const history = await listEvents(db, "test_document_events", tenant, doc.id);
    assert.deepEqual(
      history.map((e) => [e.action, e.actor_id, e.actor_name, e.note]),
      [
        ["created", user, "Åsa Öberg", null],
        ["sent", null, null, "till <b>ägare</b>"],
      ],
    );
    assert.ok(history[0]!.created_at instanceof Date);
  });

  it("updates only the version the caller saw, and raises it", async () => {
    const doc = await insert(tenant);
    const ok = await updateWithVersion(db, "test_documents", tenant, doc.id, 1, { title: "Nytt namn" });
    assert.equal(ok.kind, "ok");
    assert.equal(ok.kind === "ok" && ok.row.version, 2);
    assert.equal(ok.kind === "ok" && ok.row.title, "Nytt namn");
    const stale = await updateWithVersion(db, "test_documents", tenant, doc.id, 1, { title: "Förlorad ändring" });
    assert.equal(stale.kind, "conflict");
    assert.equal(stale.kind === "conflict" && stale.current.title, "Nytt namn");
    assert.equal(stale.kind === "conflict" && stale.current.version, 2);
    const row = await db.selectFrom("test_documents").selectAll().where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.equal(row.title, "Nytt namn");
  });

  it("refuses an update from a status that does not allow it, and another tenant's row", async () => {
    const doc = await insert(tenant, { status: "skickat" });
    const r = await updateWithVersion(db, "test_documents", tenant, doc.id, 1, { title: "x" }, { statusIn: ["utkast"] });
    assert.equal(r.kind, "wrongStatus");
    assert.equal((await updateWithVersion(db, "test_documents", other, doc.id, 1, { title: "x" })).kind, "notFound");
    assert.equal((await updateWithVersion(db, "test_documents", tenant, randomUUID(), 1, { title: "x" })).kind, "notFound");
    const row = await db.selectFrom("test_documents").selectAll().where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.equal(row.title, "Protokoll");
    assert.equal(row.version, 1);
  });

  it("answers a version that is no whole number (a form's hostile or garbled field) as a conflict, not a database error", async () => {
    const doc = await insert(tenant);
    for (const v of [Number.NaN, Number("=1+1"), 1.5, Number.POSITIVE_INFINITY, 2 ** 53]) {
      const r = await updateWithVersion(db, "test_documents", tenant, doc.id, v, { title: "x" });
      assert.equal(r.kind, "conflict", String(v));
      assert.equal(r.kind === "conflict" && r.current.version, 1);
      assert.equal((await deleteWithVersion(db, "test_documents", tenant, doc.id, v)).kind, "conflict", String(v));
    }
    const row = await db.selectFrom("test_documents").selectAll().where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.equal(row.version, 1);
  });

  it("deletes only the version the caller saw", async () => {
    const doc = await insert(tenant);
    await updateWithVersion(db, "test_documents", tenant, doc.id, 1, { title: "ändrad" });
    assert.equal((await deleteWithVersion(db, "test_documents", tenant, doc.id, 1)).kind, "conflict");
    assert.equal((await deleteWithVersion(db, "test_documents", other, doc.id, 2)).kind, "notFound");
    assert.equal((await deleteWithVersion(db, "test_documents", tenant, doc.id, 2)).kind, "ok");
  });

  it("numbers versions in a series, finds the open draft and marks the older version superseded", async () => {
    const series = randomUUID();
    assert.equal(await nextRevision(db, "test_documents", tenant, series), 1);
    const first = await insert(tenant, { series_id: series, status: "publicerat" });
    assert.equal(await nextRevision(db, "test_documents", tenant, series), 2);
    assert.equal(await nextRevision(db, "test_documents", other, series), 1);
    assert.equal(await findInSeries(db, "test_documents", tenant, series, ["utkast"]), undefined);
    const second = await insert(tenant, { series_id: series, revision: 2 });
    assert.equal((await findInSeries(db, "test_documents", tenant, series, ["utkast"]))?.id, second.id);
    await markSuperseded(db, "test_documents", tenant, first.id, second.id, "arkiverat");
    const older = await db.selectFrom("test_documents").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow();
    assert.equal(older.superseded_by_id, second.id);
    assert.equal(older.status, "arkiverat");
    assert.equal(older.version, 2);
    await markSuperseded(db, "test_documents", other, second.id, first.id, "arkiverat");
    const untouched = await db.selectFrom("test_documents").selectAll().where("id", "=", second.id).executeTakeFirstOrThrow();
    assert.equal(untouched.superseded_by_id, null);
  });
});
