// The EST part of the Osby demo: a year of partner reports from the seeded generator, the real
// police snapshot (no event of Osby) and the synthetic police-style events through the real
// import, weekly meetings with insatser — and what the lägesbild and the evaluation find in it
// (the generator's planted patterns, demo/generator.ts).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { csrfFor, sessionCookie } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { seedOsby } from "../seed.ts";
import { DEMO_WALK_IDS, walkIncidents } from "../walks/index.ts";
import { generateDemo } from "./demo/generator.ts";
import { DEMO_IDS } from "./demo/seed.ts";
import { parseWeek } from "./domain/time.ts";
import { findInsats, listInsatser } from "./repo/insatser.ts";
import { evaluateInsatser } from "./service/evaluation.ts";
import { areaScope, buildLagesbild, type Lagesbild } from "./service/lagesbild.ts";
import { partnerReportsSource, policeEventsSource } from "./sources.ts";

const SOURCES = [partnerReportsSource, policeEventsSource];

describe("EST: the Osby demo", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string; name: string; kommunkod: string; settings: Record<string, unknown> };
  let cookies: Record<string, string>;

  async function lagesbild(week: string): Promise<Lagesbild> {
    const { scope, areas } = await areaScope(t.db, tenant.id, "");
    return buildLagesbild(t.db, tenant, parseWeek(week) as number, scope!, areas, SOURCES);
  }

  before(async () => {
    t = await createTestApp();
    // pg's Pool.end() can race the harness's DROP DATABASE … WITH (FORCE) at teardown (as in
    // src/modules/promises/demo.int.test.ts): harmless, ignored.
    t.database.pool?.on("error", () => {});
    await seedOsby(t.db);
    const row = await t.db.selectFrom("tenants").select(["id", "slug", "name", "kommunkod", "settings"]).where("slug", "=", "osby").executeTakeFirstOrThrow();
    tenant = { ...row, settings: (row.settings ?? {}) as Record<string, unknown> };
    const coordinator = await t.db.selectFrom("users").select("id").where("email", "=", "samordnare@osby.demo").executeTakeFirstOrThrow();
    cookies = await sessionCookie(t.db, coordinator.id);
  });
  after(async () => t?.close());

  it("keeps the police snapshot byte for byte", () => {
    const copy = readFileSync(new URL("./demo/polisen-events-snapshot-2024-06-01.json", import.meta.url));
    // The committed copy of the shared data set (test/fixtures/shared/README.md names its source).
    const original = readFileSync(new URL("../../../test/fixtures/shared/polisen-events-snapshot-2024-06-01.json", import.meta.url));
    assert.ok(copy.equals(original), "src/modules/est/demo/polisen-events-snapshot-2024-06-01.json differs from its source");
  });

  it("seeds the generator's year once: reports with their history, police events, meetings and insatser", async () => {
    const demo = generateDemo();
    const count = async (table: "est_reports" | "est_police_events" | "est_meetings" | "est_insatser" | "est_report_events") =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .where("tenant_id", "=", tenant.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      reports: await count("est_reports"),
      police: await count("est_police_events"),
      meetings: await count("est_meetings"),
      insatser: await count("est_insatser"),
      events: await count("est_report_events"),
    };
    assert.equal(before.reports, demo.reports.length);
    assert.equal(before.police, demo.policePayload.length);
    assert.equal(before.meetings, 52);
    assert.equal(before.insatser, demo.meetings.flatMap((m) => m.insatser).length);
    assert.ok(before.events > before.reports, "every report is created, the older ones reviewed or merged");

    // Merged duplicates point at a kept report; the reporter of the demo has own reports.
    const merged = await t.db
      .selectFrom("est_reports")
      .select(["merged_into_id"])
      .where("tenant_id", "=", tenant.id)
      .where("status", "=", "sammanslagen")
      .execute();
    assert.ok(merged.length > 0 && merged.every((r) => r.merged_into_id));
    const own = await t.db
      .selectFrom("est_reports")
      .innerJoin("users", "users.id", "est_reports.reporter_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("users.email", "=", "rapportor@osby.demo")
      .executeTakeFirstOrThrow();
    assert.ok(Number(own.n) > 50);

    // No report is inside a home: every one is outdoors or in a common area.
    const settings = await t.db.selectFrom("est_reports").select("setting").distinct().where("tenant_id", "=", tenant.id).execute();
    assert.deepEqual(settings.map((s) => s.setting).sort(), ["gemensamt_utrymme", "utomhus"]);

    // Idempotent: a second seed adds nothing.
    await seedOsby(t.db);
    assert.deepEqual(
      {
        reports: await count("est_reports"),
        police: await count("est_police_events"),
        meetings: await count("est_meetings"),
        insatser: await count("est_insatser"),
        events: await count("est_report_events"),
      },
      before,
    );
  });

  it("imports no event of the real snapshot (none is Osby's); every synthetic event says it is synthetic", async () => {
    const rows = await t.db.selectFrom("est_police_events").select(["police_id", "summary"]).where("tenant_id", "=", tenant.id).execute();
    assert.ok(rows.length > 100);
    for (const r of rows) {
      assert.ok(Number(r.police_id) >= 900_000_000, `event ${r.police_id} is not one of the synthetic ones`);
      assert.match(r.summary, /^Syntetisk demohändelse \(inte från polisen\)/);
    }
  });

  it("finds the planted graffiti wave at Stationsparken as a hot spot and a persistent pattern in 2024-W22", async () => {
    const l = await lagesbild("2024-W22");
    assert.equal(l.hotspots.sparse, null);
    const top = l.hotspots.significant[0]!;
    assert.equal(top.place.near?.name, "Stationsparken (demo)");
    assert.ok(l.hotspots.classCounts.hot99! >= 1);
    const station = l.emerging.withPattern.filter((c) => c.place.near?.name === "Stationsparken (demo)");
    assert.ok(
      station.some((c) => c.pattern === "persistent_hot"),
      JSON.stringify(station.map((c) => c.pattern)),
    );
    // Police events count in the figures, never as points.
    const police = l.totals.find((x) => x.source === "polisen")!;
    assert.ok(police.week > 0);
    assert.ok(l.map.points.every((p) => p.source !== "polisen"));
    // The saved summary of the week.
    assert.equal(l.summary.saved, true);
    assert.match(l.summary.text, /Mötet tar upp klottret vid Stationsparken särskilt\./);
  });

  it("finds the growing reckless riding at Handelsområdet as an emerging hot spot in the autumn", async () => {
    const l = await lagesbild("2024-W40");
    assert.equal(l.hotspots.significant[0]?.place.near?.name, "Handelsområdet i Osby (demo)");
    const shopping = l.emerging.withPattern.filter((c) => c.place.near?.name === "Handelsområdet i Osby (demo)");
    assert.ok(shopping.length >= 2);
    assert.ok(shopping.every((c) => c.pattern.endsWith("_hot")));
    // In the spring it was not there.
    const spring = await lagesbild("2024-W15");
    assert.ok(!spring.emerging.withPattern.some((c) => c.place.near?.name === "Handelsområdet i Osby (demo)"));
  });

  it("shows the planted insats among the decisions of 2024-W21 and as running in 2024-W22, with its activity on the promise", async () => {
    const w21 = await lagesbild("2024-W21");
    assert.ok(w21.decisions.some((d) => d.id === DEMO_IDS.insats));
    const w22 = await lagesbild(DEMO_IDS.week);
    assert.ok(w22.running.some((d) => d.id === DEMO_IDS.insats));
    const insats = (await findInsats(t.db, tenant.id, DEMO_IDS.insats))!;
    assert.equal(insats.status, "genomford");
    assert.ok(insats.promise_id && insats.activity_id);
    const activity = await t.db.selectFrom("promise_activities").select(["title", "promise_id"]).where("id", "=", insats.activity_id).executeTakeFirstOrThrow();
    assert.equal(activity.promise_id, insats.promise_id);
    assert.equal(activity.title, insats.title);
  });

  it("evaluates the planted insats as a decrease against the school area, and every insats with a verdict", async () => {
    const all = await listInsatser(t.db, tenant.id);
    const evaluations = await evaluateInsatser(t.db, tenant, all, all, SOURCES);
    assert.equal(evaluations.size, all.length);
    const planted = evaluations.get(DEMO_IDS.insats)!;
    assert.equal(planted.comparison?.name, "Skolområdet i Osby (demo)");
    assert.equal(planted.evaluation.verdict, "minskning");
    assert.ok(planted.evaluation.target.before > 2 * planted.evaluation.target.after);
    assert.ok((planted.evaluation.differenceInDifferences as number) < 0);
    assert.ok((planted.evaluation.pComparison as number) < 0.05);
    // Most weekly insatser last a week: too few incidents, or no certain difference — said so.
    const verdicts = new Set([...evaluations.values()].map((e) => e.evaluation.verdict));
    assert.ok(verdicts.has("for_fa"));

    // The page says it in words.
    const res = await t.app.inject({ method: "GET", url: `/t/osby/arbete/est/insatser/${DEMO_IDS.insats}`, cookies });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Utvärdering före och efter/);
    assert.match(res.body, /Minskning/);
    assert.match(res.body, /Skolområdet i Osby \(demo\)/);
  });

  it("counts the demo walk's observations as one more source of the lägesbild of its week (2021-W45), häng only as a cell", async () => {
    // What the walks module itself says was observed on the held walks of that week.
    const observed = await walkIncidents(t.db, tenant.id, "2021-11-08", "2021-11-15");
    assert.ok(observed.length >= 5);
    assert.ok(observed.every((o) => o.walkId === DEMO_WALK_IDS.lonsboda2021));
    // The app's sources (the module list) are the lägesbild's: residents' reports, partners, the police, the walks.
    assert.deepEqual(
      t.app.ui.incidentSources.map((x) => x.key),
      ["reports", "est", "polisen", "walks"],
    );
    const { scope, areas } = await areaScope(t.db, tenant.id, "");
    const l = await buildLagesbild(t.db, tenant, parseWeek("2021-W45") as number, scope!, areas, t.app.ui.incidentSources);
    assert.equal(l.totals.find((x) => x.source === "walks")?.week, observed.length, "the week's total of walk observations");
    const perCategory = new Map<string, number>();
    for (const o of observed) perCategory.set(o.category, (perCategory.get(o.category) ?? 0) + 1);
    for (const [category, n] of perCategory) assert.equal(l.figures.find((f) => f.source === "walks" && f.category.key === category)?.week, n, category);
    // Every positioned observation of the week is on the map's data …
    assert.equal(l.map.points.filter((p) => p.source === "walks").length, observed.length);
    assert.ok(observed.some((o) => o.personRelated));
    // … and the page's map shows place observations as points, häng never as a point.
    const page = await t.app.inject({ method: "GET", url: "/t/osby/arbete/est?vecka=2021-W45", cookies });
    assert.equal(page.statusCode, 200);
    const data = JSON.parse(
      /<script type="application\/json" id="est-map-data">([\s\S]*?)<\/script>/
        .exec(page.body)![1]!
        .replace(/\\u003c/g, "<")
        .replace(/\\u003e/g, ">")
        .replace(/\\u0026/g, "&"),
    );
    const features = data.layers[0].geojson.features as Array<{ geometry: { type: string }; properties: { category: string } }>;
    assert.ok(features.some((f) => f.properties.category === "Belysning" && f.geometry.type === "Point"));
    assert.ok(!features.some((f) => f.properties.category.startsWith("Häng") && f.geometry.type === "Point"));
    // The page, the draft summary and the API name the source in words: observations, not walks.
    assert.match(page.body, /<td>Observationer från trygghetsvandringar<\/td>/);
    assert.equal(l.summary.saved, false);
    assert.match(l.summary.text, new RegExp(`${observed.length} observationer från trygghetsvandringar`));
    const api = (await t.app.inject({ method: "GET", url: "/api/t/osby/est/lagesbild?week=2021-W45", cookies })).json();
    assert.equal(api.totals.find((x: { source: string }) => x.source === "walks")?.week, observed.length);
  });

  it("exports the walks' observations of a period beside the partners' reports, with their points (CSV and GeoJSON)", async () => {
    const observed = await walkIncidents(t.db, tenant.id, "2021-11-01", "2021-12-01");
    assert.ok(observed.length >= 5);
    const exportAs = async (format: string, sources: string[]) => {
      const { token, cookies: withCsrf } = await csrfFor(t.app, "/t/osby/arbete/est/export", cookies);
      const form = new URLSearchParams({ from: "2021-11-01", to: "2021-11-30", format, purpose: "Underlag till trygghetsrådet", _csrf: token });
      for (const x of sources) form.append("sources", x);
      return t.app.inject({
        method: "POST",
        url: "/t/osby/arbete/est/export",
        cookies: withCsrf,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: form.toString(),
      });
    };
    // The form offers the walks as a source, checked by default.
    const form = await t.app.inject({ method: "GET", url: "/t/osby/arbete/est/export", cookies });
    assert.match(form.body, /<input id="f-sources-walks" type="checkbox" name="sources" value="walks" checked/);
    const csv = await exportAs("csv", ["est", "walks"]);
    assert.equal(csv.statusCode, 200);
    const walkLines = csv.body
      .trim()
      .split("\r\n")
      .filter((l) => l.startsWith("Observationer från trygghetsvandringar,"));
    assert.equal(walkLines.length, observed.length);
    const first = walkLines.find((l) => l.includes(`,${observed[0]!.id},`))!;
    assert.match(
      first,
      new RegExp(
        `^Observationer från trygghetsvandringar,${observed[0]!.id},${observed[0]!.category},[^,]+,2021-11-10 \\d\\d:\\d\\d,,2021-W45,,56\\.\\d{1,6},14\\.\\d{1,6},\\d+\\.?\\d*,\\d+\\.?\\d*,`,
      ),
    );
    const geo = (await exportAs("geojson", ["walks"])).json() as { features: Array<{ geometry: { type: string } | null; properties: { source: string } }> };
    assert.equal(geo.features.length, observed.length);
    assert.ok(geo.features.every((f) => f.properties.source === "walks" && f.geometry?.type === "Point"));
  });
});
