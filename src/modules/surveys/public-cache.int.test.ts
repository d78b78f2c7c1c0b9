// The survey's public answers (results pages, trend, comparison, PDF, CSV, public API) are
// rendered once per change through the public-answer cache (decision 0015), and the promise's
// public page, which shows survey items as indicators, is cached too. What must hold: any change
// to what those answers show — a round published or withdrawn, an aggregate recomputed, a
// translation edited, official results or Brå figures imported, an indicator named — bumps the
// tenant's public version in the same transaction (triggers, migration 0501), so the next
// request shows it, also when the change is made straight in SQL. Residents' answers never bump
// it (they are not public until aggregated, and a bump per answer would serialise them).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makePromiseDocument } from "../promises/testing.ts";
import { storeAggregate } from "./repo/results.ts";
import { addResponses, makeArea, makeDefinition, makeSurvey } from "./testing.ts";

type Res = Awaited<ReturnType<TestApp["app"]["inject"]>>;

describe("public survey answers are rendered once per change and never served stale", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let area: { id: string; slug: string };
  let definitionId: string;
  let content: Awaited<ReturnType<typeof makeDefinition>>["content"];
  let promiseDoc: { id: string };
  let lineageId: string;

  const get = (url: string): Promise<Res> => t.app.inject({ method: "GET", url, headers: { "accept-language": "sv" } });
  const version = async (): Promise<number> =>
    Number((await sql<{ version: string }>`select version from public_versions where tenant_id = ${tenant.id}`.execute(t.db)).rows[0]?.version ?? 0);

  /** Requests the address twice: the second must be a stored answer (a hit), with the same bytes. */
  async function cachedTwice(url: string): Promise<Res> {
    const first = await get(url);
    assert.equal(first.statusCode, 200, `${url}: ${first.body.slice(0, 300)}`);
    const hits = t.app.publicCache.stats().hits;
    const again = await get(url);
    assert.equal(t.app.publicCache.stats().hits, hits + 1, `${url} is answered from the cache`);
    assert.equal(again.body, first.body);
    assert.equal(again.headers["cache-control"], "no-cache");
    assert.match(String(again.headers.etag), /^"[\w-]+"$/);
    return again;
  }

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db, { name: "Osby kommun" });
    area = await makeArea(t.db, tenant.id, "Lönsboda", "lonsboda", 1);
    const d = await makeDefinition(t.db, tenant.id);
    definitionId = d.id;
    content = d.content;
    // 2021: 10 of 40 unsafe in Lönsboda (25 %).
    const s = await makeSurvey(t.db, tenant.id, d.id, { year: 2021, status: "stangd", title: "Trygghetsmätning 2021" });
    await addResponses(
      t.db,
      tenant.id,
      s,
      content,
      Array.from({ length: 40 }, (_, i) => ({ area: area.id, values: { otrygg_kvall: i < 10 ? "mycket_otrygg" : "mycket_trygg" } })),
    );
    await storeAggregate(t.db, tenant.id, s.id);
    await t.db.updateTable("surveys").set({ status: "publicerad", published_at: new Date(), aggregated_at: new Date() }).where("id", "=", s.id).execute();
    const promise = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    promiseDoc = promise.doc;
    lineageId = promise.promise.lineage_id;
  });
  after(async () => t?.close());

  it("stores the results page, the year, the trend, the comparison, the PDF, the CSV and the public API", async () => {
    const base = `/t/${tenant.slug}/trygghetsmatning`;
    for (const url of [
      base,
      `${base}/2021`,
      `${base}/2021.pdf`,
      `${base}/2021.csv`,
      `${base}/2021.csv?format=excel`,
      `${base}/fraga/otrygg_kvall`,
      `${base}/jamforelse`,
      `${base}/jamforelse/${area.slug}`,
      `/api/t/${tenant.slug}/surveys`,
      `/api/t/${tenant.slug}/surveys/results/2021`,
      `/api/t/${tenant.slug}/surveys/trend/otrygg_kvall`,
    ]) {
      await cachedTwice(url);
    }
  });

  it("shows a new round on the next request once it is published (aggregate and status in plain SQL)", async () => {
    const url = `/t/${tenant.slug}/trygghetsmatning/fraga/otrygg_kvall`;
    const before = await cachedTwice(url);
    assert.doesNotMatch(before.body, /2022/);
    const s = await makeSurvey(t.db, tenant.id, definitionId, { year: 2022, status: "stangd", title: "Trygghetsmätning 2022" });
    await addResponses(
      t.db,
      tenant.id,
      s,
      content,
      Array.from({ length: 40 }, (_, i) => ({ area: area.id, values: { otrygg_kvall: i < 20 ? "mycket_otrygg" : "mycket_trygg" } })),
    );
    // Answers are not public: they leave the version alone.
    const v = await version();
    await addResponses(t.db, tenant.id, s, content, [{ area: area.id, values: { otrygg_kvall: "mycket_trygg" } }]);
    assert.equal(await version(), v, "a resident's answer does not bump the public version");
    await storeAggregate(t.db, tenant.id, s.id);
    await sql`update surveys set status = 'publicerad', published_at = now() where id = ${s.id}`.execute(t.db);
    const after = await get(url);
    assert.match(after.body, /2022/);
    // Withdrawn again: gone on the next request.
    await sql`update surveys set status = 'stangd', published_at = null where id = ${s.id}`.execute(t.db);
    assert.doesNotMatch((await get(url)).body, /2022/);
  });

  it("shows a recomputed aggregate, an edited translation and imported official figures on the next request", async () => {
    const url = `/t/${tenant.slug}/trygghetsmatning/2021`;
    await cachedTwice(url);
    const round = await t.db.selectFrom("surveys").select("id").where("tenant_id", "=", tenant.id).where("year", "=", 2021).executeTakeFirstOrThrow();
    // The aggregate alone changes (nothing else): the page follows.
    const v = await version();
    await sql`update survey_result_cells set n = n + 1 where survey_id = ${round.id} and item_key = 'otrygg_kvall' and option_key = 'mycket_otrygg'`.execute(
      t.db,
    );
    assert.ok((await version()) > v, "a statement on the aggregate bumps the version");
    const v2 = await version();
    await sql`update survey_definitions set name = name || ' (ny)' where id = ${definitionId}`.execute(t.db);
    assert.ok((await version()) > v2, "a change to the definition bumps the version");
    const v3 = await version();
    const imp = await t.db
      .insertInto("survey_imports")
      .values({ tenant_id: tenant.id, kind: "officiella", filename: "polisen.csv", row_count: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("survey_official_results")
      .values({
        tenant_id: tenant.id,
        import_id: imp.id,
        year: 2021,
        area_id: area.id,
        item_key: "problemindex",
        index_value: 4.2,
        share: null,
        n: 100,
        colour: "gul",
      })
      .execute();
    assert.ok((await version()) > v3, "an official import bumps the version");
    assert.match((await get(url)).body, /4,2/);
    const v4 = await version();
    await t.db.deleteFrom("survey_imports").where("id", "=", imp.id).execute();
    assert.ok((await version()) > v4, "deleting an import (its values by cascade) bumps the version");
    assert.doesNotMatch((await get(url)).body, /4,2/);
  });

  it("shows a survey item named as a promise's indicator on the cached promise page, with its newest value", async () => {
    const url = `/t/${tenant.slug}/medborgarlofte/${promiseDoc.id}`;
    const before = (await get(url)).body;
    assert.doesNotMatch(before, /<dt>Indikator<\/dt>/);
    await t.db
      .insertInto("survey_indicators")
      .values({ tenant_id: tenant.id, promise_lineage_id: lineageId, item_key: "otrygg_kvall", area_id: area.id, created_by: null })
      .execute();
    const named = (await get(url)).body;
    assert.match(named, /<dt>Indikator<\/dt>/);
    assert.match(named, /2021: 2\d %/);
    // A newer round published: the indicator's latest value follows on the next request.
    const s = await t.db.selectFrom("surveys").select("id").where("tenant_id", "=", tenant.id).where("year", "=", 2022).executeTakeFirstOrThrow();
    await sql`update surveys set status = 'publicerad', published_at = now() where id = ${s.id}`.execute(t.db);
    assert.match((await get(url)).body, /2022: 4\d %/);
  });
});
