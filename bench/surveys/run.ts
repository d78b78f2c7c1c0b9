// Survey benchmark (the issue's speed targets): aggregate 10⁶ stored answers — all items, per area
// and year, with intervals and suppression — on both databases, and serve the public results page
// of a year once aggregated. Data: the Osby demo's generator (src/modules/surveys/demo/generate.ts,
// deterministic) for five rounds of the template survey, 2021–2025, in Osby's three areas.
//
//   aggregate  for every round: the stored aggregate (one INSERT … SELECT … GROUP BY area × age ×
//              sex × item × option over the answers joined to their responses), then reading it
//              back and computing every item's distribution, shares with Wilson intervals,
//              multiple choice per option, means and suppression (domain/results.ts) — the work
//              behind closing and publishing rounds
//   peer       the same counts made in Node instead of SQL: every answer row fetched (joined to its
//              response) and counted in a Map — what one would write without the GROUP BY
//   page       GET /t/{slug}/trygghetsmatning/{year} through the app (app.inject), once the rounds
//              are published: median and 95th percentile of N requests after a warm-up, rendered
//              (the public version bumped before each, so the public-answer cache misses) and
//              answered from the cache
//
// CPU time of this process is reported beside wall time: on PGlite the database runs inside the
// process (its CPU is ours); on PostgreSQL it is the server's and not counted here.
//
//   node bench/surveys/run.ts [--answers 1e6] [--engines pglite,postgres] [--requests 50]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { startPrivatePostgres } from "../../scripts/pg-test-server.ts";
import { answerRows } from "../../src/modules/surveys/domain/answers.ts";
import { DefinitionContent, findItem } from "../../src/modules/surveys/domain/definition.ts";
import { computeResults } from "../../src/modules/surveys/domain/results.ts";
import { surveyTemplate } from "../../src/modules/surveys/domain/template.ts";
import { demoRespondents } from "../../src/modules/surveys/demo/generate.ts";
import { insertDefinition } from "../../src/modules/surveys/repo/definitions.ts";
import { type AnswerInsert, insertAnswerRows } from "../../src/modules/surveys/repo/responses.ts";
import { readAggregates, refreshStatistics, storeAggregate } from "../../src/modules/surveys/repo/results.ts";
import { insertSurvey } from "../../src/modules/surveys/repo/surveys.ts";
import { makeTenant } from "../../src/platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";

const { values } = parseArgs({
  options: {
    answers: { type: "string", default: "1e6" },
    engines: { type: "string", default: "pglite,postgres" },
    requests: { type: "string", default: "50" },
    explain: { type: "boolean", default: false },
  },
});
const TARGET = Number(values.answers);
const YEARS = [2021, 2022, 2023, 2024, 2025];
const REQUESTS = Number(values.requests);

const ms = (t0: number) => Math.round(performance.now() - t0);
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return Math.round((c.user + c.system) / 1000);
};
/** CPU time (user + system) of a process so far, in ms, from /proc (null where unavailable). */
function procCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

async function fill(t: TestApp) {
  const tenant = await makeTenant(t.db, { name: "Benchkommun" });
  const areas = new Map<string, string>();
  for (const [i, [slug, name]] of [
    ["osby-tatort", "Osby tätort"],
    ["lonsboda", "Lönsboda"],
    ["osby-landsbygd", "Osby landsbygd"],
  ].entries()) {
    const a = await t.db
      .insertInto("areas")
      .values({ tenant_id: tenant.id, slug, name, kind: "survey", sort_order: i })
      .returning("id")
      .executeTakeFirstOrThrow();
    areas.set(slug, a.id);
  }
  const content = DefinitionContent.parse(surveyTemplate());
  const def = await insertDefinition(t.db, tenant.id, {
    seriesId: crypto.randomUUID(),
    revision: 1,
    supersedesId: null,
    name: "Bench",
    content,
    createdBy: null,
  });
  // About 22 answer rows per respondent: respondents per round for the target.
  const perRound = Math.round(TARGET / YEARS.length / 22.3);
  const surveys: Array<{ id: string; year: number }> = [];
  let rows = 0;
  const t0 = performance.now();
  for (const year of YEARS) {
    const s = await insertSurvey(t.db, tenant.id, {
      definitionId: def.id,
      year,
      title: `Bench ${year}`,
      fieldFrom: `${year}-08-15`,
      fieldTo: `${year}-10-05`,
      requiresCode: false,
      createdBy: null,
    });
    surveys.push({ id: s.id, year });
    const people = demoRespondents({ year, respondents: perRound, from: `${year}-08-15`, to: `${year}-10-05` });
    for (let i = 0; i < people.length; i += 5000) {
      const batch = people.slice(i, i + 5000);
      const col = <T>(f: (p: (typeof batch)[number]) => T) => batch.map(f);
      const ids = await sql<{
        id: string;
      }>`insert into survey_responses (tenant_id, survey_id, area_id, age_group, sex, lang, channel, complete, answered_on, created_at, updated_at)
        select ${tenant.id}::uuid, ${s.id}::uuid, area_id, age_group, sex, lang, channel, complete, d, d, d
        from unnest(${col((p) => areas.get(p.area)!)}::uuid[], ${col((p) => p.values.find((v) => v.itemKey === "alder")?.options[0] ?? null)}::text[],
                    ${col((p) => p.values.find((v) => v.itemKey === "kon")?.options[0] ?? null)}::text[], ${col((p) => p.lang)}::text[],
                    ${col((p) => p.channel)}::text[], ${col((p) => p.complete)}::bool[], ${col((p) => p.day)}::date[])
          with ordinality as u(area_id, age_group, sex, lang, channel, complete, d, n)
        order by n returning id`.execute(t.db);
      const answers: AnswerInsert[] = batch.flatMap((p, j) =>
        p.values.flatMap((v) => {
          const item = findItem(content, v.itemKey)!;
          const value = item.type === "area" ? { ...v, options: [areas.get(p.area)!] } : v;
          const stratum = {
            area_id: areas.get(p.area)!,
            age_group: p.values.find((x) => x.itemKey === "alder")?.options[0] ?? null,
            sex: p.values.find((x) => x.itemKey === "kon")?.options[0] ?? null,
          };
          return answerRows(item, value).map((r) => ({
            tenant_id: tenant.id,
            survey_id: s.id,
            response_id: ids.rows[j]!.id,
            ...stratum,
            ...r,
            created_at: p.day,
          }));
        }),
      );
      await insertAnswerRows(t.db, answers);
      rows += answers.length;
    }
  }
  return { tenant, content, surveys, rows, areas, insertMs: ms(t0) };
}

async function engine(kind: "pglite" | "postgres") {
  process.env.TRYGG_TEST_DB = kind;
  const t = await createTestApp({ tenantScope: false });
  try {
    const { tenant, content, surveys, rows, areas, insertMs } = await fill(t);
    let t0 = performance.now();
    await refreshStatistics(t.db);
    const analyzeMs = ms(t0);
    const areaList = [...areas].map(([slug, id]) => ({ id, slug, name: slug }));
    const opts = { minCell: 5, index: { enabled: true, factor: 6, offset: 0 }, bands: [{ from: 0, colour: "gron" as const }], population: null };

    if (values.explain) {
      // The plans of the aggregation's two queries for one round (for tuning; not timed).
      const one = surveys[0]!.id;
      for (const q of [
        sql`explain (analyze, buffers) select a.survey_id, a.area_id, a.age_group, a.sex, a.item_key, a.option_key, count(*), sum(a.value_num), sum(a.value_num * a.value_num)
              from survey_answers a
              where a.tenant_id = ${tenant.id} and a.survey_id in (${one})
              group by a.survey_id, a.area_id, a.age_group, a.sex, a.item_key, a.option_key`,
        sql`explain (analyze, buffers) select a.survey_id, a.area_id, a.age_group, a.sex, a.item_key, a.option_key, count(*), sum(a.value_num), sum(a.value_num * a.value_num)
              from survey_answers a
              where a.tenant_id = ${tenant.id} and a.survey_id in (${sql.join(surveys.map((x) => x.id))})
              group by a.survey_id, a.area_id, a.age_group, a.sex, a.item_key, a.option_key`,
        sql`explain (analyze, buffers) select r.area_id, r.age_group, r.sex, count(*) from survey_responses r
              where r.tenant_id = ${tenant.id} and r.survey_id in (${one})
                and r.id in (select a.response_id from survey_answers a where a.tenant_id = ${tenant.id} and a.survey_id in (${one}))
              group by r.tenant_id, r.survey_id, r.area_id, r.age_group, r.sex`,
      ]) {
        const plan = await q.execute(t.db);
        console.log((plan.rows as Array<Record<string, string>>).map((x) => Object.values(x)[0]).join("\n"));
      }
    }

    // Aggregate: stored aggregates of every round, then the results with intervals and suppression.
    // The SQL runs in one transaction, so on PostgreSQL its server process's CPU time can be read
    // from /proc (the machine is shared: CPU time moves far less than wall time with other load).
    const runs: Array<{ sql: number; compute: number; total: number; cpu: number; serverCpu: number | null }> = [];
    let cells = 0;
    for (let rep = 0; rep < 3; rep++) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      let serverCpu: number | null = null;
      await t.db.transaction().execute(async (trx) => {
        const pid = kind === "postgres" ? (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid : null;
        const before = pid ? procCpuMs(pid) : null;
        for (const s of surveys) await storeAggregate(trx, tenant.id, s.id);
        if (pid && before !== null) serverCpu = procCpuMs(pid)! - before;
      });
      const sqlMs = ms(t0);
      const t1 = performance.now();
      const stored = await readAggregates(
        t.db,
        tenant.id,
        surveys.map((s) => s.id),
      );
      cells = 0;
      for (const s of surveys) {
        const c = stored.get(s.id)!;
        cells += c.cells.length;
        computeResults(content, c.cells, c.strata, areaList, opts);
      }
      runs.push({ sql: sqlMs, compute: ms(t1), total: ms(t0), cpu: cpuMs(c0), serverCpu });
    }
    const best = runs.reduce((a, b) => (a.total <= b.total ? a : b));

    // Peer: count in Node from every row.
    const p0 = performance.now();
    const pc = process.cpuUsage();
    const counts = new Map<string, number>();
    for (const s of surveys) {
      const all = await sql<{ k: string }>`select concat_ws('|', r.area_id, r.age_group, r.sex, a.item_key, a.option_key) as k
        from survey_answers a join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
        where a.tenant_id = ${tenant.id} and a.survey_id = ${s.id}`.execute(t.db);
      for (const r of all.rows) counts.set(r.k, (counts.get(r.k) ?? 0) + 1);
    }
    const peer = { total: ms(p0), cpu: cpuMs(pc), groups: counts.size };

    // The public page of a year, once the rounds are published.
    await t.db
      .updateTable("surveys")
      .set({ status: "publicerad", published_at: new Date(), aggregated_at: new Date() })
      .where("tenant_id", "=", tenant.id)
      .execute();
    const url = `/t/${tenant.slug}/trygghetsmatning/2025`;
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: "GET", url });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
    }
    // Rendered: the tenant's public version is bumped before each request (outside the timing), so
    // every request misses the public-answer cache and reads the aggregates and renders the page;
    // cached: the same requests answered from the cache (what visitors get between changes).
    const measure = async (bump: boolean) => {
      const times: number[] = [];
      const cpus: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        if (bump) await sql`select trygg_bump_public_version(${tenant.id}::uuid)`.execute(t.db);
        const c0 = process.cpuUsage();
        const s0 = performance.now();
        const r = await t.app.inject({ method: "GET", url });
        times.push(performance.now() - s0);
        cpus.push(cpuMs(c0));
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
      }
      return { median: Math.round(percentile(times, 0.5) * 10) / 10, p95: Math.round(percentile(times, 0.95) * 10) / 10, cpuMedian: percentile(cpus, 0.5) };
    };
    const rendered = await measure(true);
    const hits = t.app.publicCache.stats().hits;
    const cached = await measure(false);
    if (t.app.publicCache.stats().hits - hits !== REQUESTS) throw new Error("the cached series missed the public-answer cache");
    return {
      engine: kind,
      answers: rows,
      insertMs,
      analyzeMs,
      aggregate: best,
      storedCells: cells,
      peer,
      page: rendered,
      cachedPage: cached,
    };
  } finally {
    await t.close();
  }
}

const results = [];
for (const e of values.engines.split(",")) {
  if (e === "postgres") {
    const server = await startPrivatePostgres();
    process.env.TRYGG_TEST_PG_URL = server.url;
    try {
      results.push(await engine("postgres"));
    } finally {
      await server.stop();
    }
  } else if (e === "pglite") results.push(await engine("pglite"));
}
console.log(`\nTrygghetsmätning: ${TARGET} svar, ${YEARS.length} omgångar × 3 områden`);
for (const r of results) {
  console.log(`\n${r.engine}: ${r.answers} svarsrader (infogade på ${r.insertMs} ms, ANALYZE ${r.analyzeMs} ms)`);
  console.log(
    `  sammanställning (alla omgångar): ${r.aggregate.total} ms = SQL ${r.aggregate.sql} ms + resultat i JS ${r.aggregate.compute} ms (CPU i processen ${r.aggregate.cpu} ms${
      r.aggregate.serverCpu !== null ? `, i PostgreSQL-servern ${Math.round(r.aggregate.serverCpu)} ms` : ""
    }), ${r.storedCells} celler`,
  );
  console.log(`  jämförelse, räkna i Node: ${r.peer.total} ms (CPU ${r.peer.cpu} ms), ${r.peer.groups} grupper`);
  console.log(`  publik resultatsida för ett år, renderad: median ${r.page.median} ms, p95 ${r.page.p95} ms (CPU median ${r.page.cpuMedian} ms)`);
  console.log(
    `  publik resultatsida för ett år, ur cachen: median ${r.cachedPage.median} ms, p95 ${r.cachedPage.p95} ms (CPU median ${r.cachedPage.cpuMedian} ms)`,
  );
}
console.log(`\n${JSON.stringify(results)}`);
