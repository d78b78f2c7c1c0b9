// The weekly lägesbild from stored incidents: figures against the four weeks before and the same
// week last year, per source and category; an area; the map's privacy rule; hot spots and
// emerging hot spots from the engine (and the warning when the data are too sparse); the last
// meeting's decisions; the summary; the PDF, the CSV and the API; the timing header.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { latLonToSweref, swerefToLatLon } from "../../analysis/index.ts";
import { csrfFor } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { readPdf } from "../../platform/testing/pdf.ts";
import { isoDate, parseWeek, stockholmLocalToInstant, weekDays } from "./domain/time.ts";
import { estWorld } from "./testing.ts";

type World = Awaited<ReturnType<typeof estWorld>>;

const WEEK = parseWeek("2024-W22") as number;

/** Wednesday 20:00 of running week w, plus `minutes`. */
function inWeek(w: number, minutes = 0): Date {
  const [y, m, d] = isoDate(weekDays(w).from + 2)
    .split("-")
    .map(Number) as [number, number, number];
  return new Date(stockholmLocalToInstant(y, m, d, 20, 0).getTime() + minutes * 60_000);
}

describe("EST weekly lägesbild", () => {
  let t: TestApp;
  let w: World;
  let base: string;

  /** Reports in bulk (SWEREF 99 TM e/n), in one insert. */
  async function reports(list: Array<{ at: Date; category: string; e: number; n: number; status?: "ny" | "sammanslagen"; into?: string }>) {
    const rows = list.map((r) => {
      const p = swerefToLatLon(r.n, r.e);
      return {
        tenant_id: w.tenant.id,
        organisation_id: w.orgA.id,
        reporter_id: null,
        origin: "formular" as const,
        batch_id: null,
        occurred_from: r.at,
        occurred_to: null,
        day: Math.floor((r.at.getTime() + 7_200_000) / 86_400_000),
        category: r.category,
        place_id: null,
        place_name: null,
        setting: "utomhus" as const,
        lat: p.lat,
        lon: p.lon,
        n: r.n,
        e: r.e,
        description: "",
        assessment: "ja" as const,
        people_min: null,
        people_max: null,
      };
    });
    for (let k = 0; k < rows.length; k += 500)
      await t.db
        .insertInto("est_reports")
        .values(rows.slice(k, k + 500))
        .execute();
  }

  before(async () => {
    t = await createTestApp();
    w = await estWorld(t.db);
    base = `/t/${w.tenant.slug}/arbete/est`;
    const c = latLonToSweref(w.centre.lat, w.centre.lon);
    // Figures: klotter 5 this week, 2 in each of the 4 weeks before, 3 in the same week last year.
    const klotter = [];
    for (let i = 0; i < 5; i++) klotter.push({ at: inWeek(WEEK, i), category: "klotter", e: c.e + 300 + i, n: c.n + 10 });
    for (let k = 1; k <= 4; k++) for (let i = 0; i < 2; i++) klotter.push({ at: inWeek(WEEK - k, i), category: "klotter", e: c.e + 300, n: c.n + 10 });
    const lastYear = parseWeek("2023-W22") as number;
    for (let i = 0; i < 3; i++) klotter.push({ at: inWeek(lastYear, i), category: "klotter", e: c.e + 300, n: c.n + 10 });
    // Person-related: 2 in one map cell (left out), 3 in another (a counted cell), never points.
    const drugs = [
      { at: inWeek(WEEK), category: "narkotika", e: c.e - 2000, n: c.n - 2000 },
      { at: inWeek(WEEK, 5), category: "narkotika", e: c.e - 2000, n: c.n - 2000 },
      { at: inWeek(WEEK), category: "narkotika", e: c.e + 1000, n: c.n + 1000 },
      { at: inWeek(WEEK, 1), category: "narkotika", e: c.e + 1001, n: c.n + 1001 },
      { at: inWeek(WEEK, 2), category: "narkotika", e: c.e + 1002, n: c.n + 1002 },
    ];
    // Hot spots: over the 4-week window a background of 2–3 incidents in 60 cells (200 m) and a
    // dense cluster of 40 in one cell; over 12 weeks the cluster grows (emerging).
    const background = [];
    let s = 7;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    for (let cell = 0; cell < 60; cell++) {
      const ce = c.e - 3000 + (cell % 10) * 600;
      const cn = c.n - 2000 + Math.floor(cell / 10) * 600;
      const k = 2 + Math.floor(rnd() * 2);
      for (let i = 0; i < k; i++)
        background.push({ at: inWeek(WEEK - Math.floor(rnd() * 4), i), category: "nedskrapning", e: ce + 50 + rnd() * 100, n: cn + 50 + rnd() * 100 });
    }
    const cluster = [];
    for (let k = 11; k >= 0; k--) {
      const n = k < 4 ? 10 : Math.max(0, 4 - Math.floor(k / 3));
      for (let i = 0; i < n; i++) cluster.push({ at: inWeek(WEEK - k, i), category: "skadegorelse", e: c.e + 1550 + rnd() * 80, n: c.n - 1450 + rnd() * 80 });
    }
    // Lönsboda (outside the area "Osby tätort" below): 4 litter reports this week.
    const lonsboda = latLonToSweref(56.3969, 14.3189);
    const far = [0, 1, 2, 3].map((i) => ({ at: inWeek(WEEK, i), category: "nedskrapning", e: lonsboda.e + i, n: lonsboda.n }));
    await reports([...klotter, ...drugs, ...background, ...cluster, ...far]);
    // Two police events this week (area-level).
    for (const [id, type] of [
      [1, "Stöld"],
      [2, "Skadegörelse"],
    ] as const)
      await t.db
        .insertInto("est_police_events")
        .values({
          tenant_id: w.tenant.id,
          police_id: id,
          published_at: inWeek(WEEK, 60),
          occurred_at: inWeek(WEEK, 30),
          time_source: "namn",
          day: Math.floor((inWeek(WEEK).getTime() + 7_200_000) / 86_400_000),
          type,
          summary: "Händelse i kommunen.",
          url: "https://polisen.se/aktuellt/x/",
          location_name: "Osby",
          raw: "{}",
          content_hash: String(id),
        })
        .execute();
    // The area "Osby tätort": a circle of 1.2 km around the centre; "Landsbygd" without a polygon.
    const ring: number[][] = [];
    for (let i = 0; i <= 32; i++) {
      const a = (2 * Math.PI * i) / 32;
      const p = swerefToLatLon(c.n + 1200 * Math.cos(a), c.e + 1200 * Math.sin(a));
      ring.push([p.lon, p.lat]);
    }
    await t.db
      .insertInto("areas")
      .values([
        {
          tenant_id: w.tenant.id,
          slug: "tatort",
          name: "Osby tätort",
          kind: "survey",
          geometry: JSON.stringify({ type: "Polygon", coordinates: [ring] }),
          sort_order: 1,
        },
        { tenant_id: w.tenant.id, slug: "landsbygd", name: "Landsbygd", kind: "survey", geometry: null, sort_order: 2 },
      ])
      .execute();
  });
  after(async () => t?.close());

  const get = (url: string, who = w.people.samordnare) => t.app.inject({ method: "GET", url, cookies: who.cookies });
  const api = async (query: string) => (await get(`/api/t/${w.tenant.slug}/est/lagesbild${query}`)).json();

  it("counts per source and category: the week, the mean of the four weeks before, the same week last year", async () => {
    const l = await api("?week=2024-W22");
    const klotter = l.figures.find((f: { category: string; source: string }) => f.category === "klotter" && f.source === "est");
    assert.deepEqual(
      { week: klotter.week, mean: klotter.previous_mean, change: klotter.change, lastYear: klotter.last_year },
      { week: 5, mean: 2, change: 3, lastYear: 3 },
    );
    const police = l.totals.find((x: { source: string }) => x.source === "polisen");
    assert.equal(police.week, 2);
    assert.ok(l.figures.some((f: { source: string; category: string }) => f.source === "polisen" && f.category === "Stöld"));
    const page = await get(`${base}?vecka=2024-W22`);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /<th scope="row">Klotter<\/th><td>Partnerrapporter<\/td><td class="num">5<\/td><td class="num">2<\/td><td class="num">\+3 \(\+150 %\)<\/td><td class="num">3<\/td>/,
    );
    // Charts are server-rendered SVG with a title and a description; the table carries the numbers.
    assert.match(page.body, /<svg id="chart-categories" role="img" aria-labelledby="chart-categories-title chart-categories-desc"/);
    assert.match(page.body, /<desc id="chart-categories-desc">Stapeldiagram\. Veckans antal och snittet för fyra veckor före \(inom parentes\): /);
    assert.match(String(page.headers["server-timing"]), /^db;dur=[\d.]+, engine;dur=[\d.]+, build;dur=[\d.]+$/);
  });

  it("an area counts only its incidents with a point; the police's area-level events stay out of it", async () => {
    const areas = await t.db.selectFrom("areas").select(["id", "slug"]).where("tenant_id", "=", w.tenant.id).execute();
    const tatort = areas.find((a) => a.slug === "tatort")!.id;
    const landsbygd = areas.find((a) => a.slug === "landsbygd")!.id;
    const inTown = await api(`?week=2024-W22&area=${tatort}`);
    assert.equal(inTown.area, "Osby tätort");
    assert.ok(!inTown.totals.some((x: { source: string }) => x.source === "polisen"));
    const litter = (l: { figures: Array<{ category: string; week: number }> }) => l.figures.find((f) => f.category === "nedskrapning")?.week ?? 0;
    const whole = await api("?week=2024-W22");
    const country = await api(`?week=2024-W22&area=${landsbygd}`);
    // Lönsboda's four litter reports are outside the town and inside "the rest" (no polygon: municipality minus the town).
    assert.ok(litter(country) >= 4);
    assert.equal(litter(inTown) + litter(country), litter(whole));
    const page = await get(`${base}?vecka=2024-W22&omrade=${tatort}`);
    assert.match(page.body, /Polisens händelser anges bara per kommun och räknas därför inte i ett område/);
    // Another tenant's (or no) area: 404.
    assert.equal((await get(`${base}?vecka=2024-W22&omrade=00000000-0000-4000-8000-000000000000`)).statusCode, 404);
  });

  it("the week's map shows person-related incidents only as counted cells, small counts left out, never as points", async () => {
    const page = await get(`${base}?vecka=2024-W22`);
    const data = JSON.parse(
      /<script type="application\/json" id="est-map-data">([\s\S]*?)<\/script>/
        .exec(page.body)![1]!
        .replace(/\\u003c/g, "<")
        .replace(/\\u003e/g, ">")
        .replace(/\\u0026/g, "&"),
    );
    const features = data.layers[0].geojson.features as Array<{ geometry: { type: string }; properties: { category: string; count?: number } }>;
    const drugs = features.filter((f) => f.properties.category === "Misstänkt narkotikahantering");
    assert.ok(drugs.length >= 1);
    assert.ok(
      drugs.every((f) => f.geometry.type === "Polygon"),
      "never a point",
    );
    assert.deepEqual(
      drugs.map((f) => f.properties.count),
      [3],
    );
    assert.match(page.body, /2 händelser om personers beteende ligger i rutor med för få händelser och visas inte/);
    assert.match(page.body, /2 av polisens händelser denna vecka har ingen egen position/);
    assert.ok(features.some((f) => f.properties.category === "Klotter" && f.geometry.type === "Point"));
  });

  it("a week with more place incidents than a map can show counts them in cells (tables of the largest cells)", async () => {
    // 450 graffiti reports spread over 6 × 6 km in 2024-W05 (far from the other tests' weeks).
    const week = parseWeek("2024-W05") as number;
    const c = latLonToSweref(w.centre.lat, w.centre.lon);
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    await reports(
      Array.from({ length: 450 }, (_, i) => ({ at: inWeek(week, i), category: "klotter", e: c.e - 3000 + rnd() * 6000, n: c.n - 3000 + rnd() * 6000 })),
    );
    const page = await get(`${base}?vecka=2024-W05`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Veckan har 450 händelser om platser – för många för att visa en och en\./);
    assert.doesNotMatch(page.body, /id="points-caption"/);
    assert.match(page.body, /Händelser om platser, räknade i rutor om 250 m – de 200 rutorna med flest händelser av \d+/);
    const table = /<caption id="place-cells-caption">[\s\S]*?<\/table>/.exec(page.body)![0];
    assert.equal((table.match(/<tr>/g) ?? []).length, 201, "a header row and the 200 largest cells");
    const data = JSON.parse(
      /<script type="application\/json" id="est-map-data">([\s\S]*?)<\/script>/
        .exec(page.body)![1]!
        .replace(/\\u003c/g, "<")
        .replace(/\\u003e/g, ">")
        .replace(/\\u0026/g, "&"),
    );
    const features = data.layers[0].geojson.features as Array<{ geometry: { type: string }; properties: { count?: number } }>;
    assert.ok(features.length > 200 && features.every((f) => f.geometry.type === "Polygon"), "cells only, every one of them on the map");
    assert.equal(
      features.reduce((n, f) => n + (f.properties.count ?? 0), 0),
      450,
    );
    const pdf = await readPdf((await get(`${base}/lagesbild.pdf?vecka=2024-W05`)).rawPayload);
    assert.ok(pdf.find("P", "Veckan har 450 händelser om platser").length, "the PDF says it too");
  });

  it("finds the dense cluster as a hot spot (FDR) and as an emerging hot spot; the police's events are not in it", async () => {
    const l = await api("?week=2024-W22");
    assert.equal(l.hotspots.sparse, null);
    const c = latLonToSweref(w.centre.lat, w.centre.lon);
    const target = swerefToLatLon(c.n - 1410, c.e + 1590);
    const near = (x: { lat: number; lon: number }) => Math.abs(x.lat - target.lat) < 0.003 && Math.abs(x.lon - target.lon) < 0.005;
    const hot = l.hotspots.cells.filter((x: { class: string }) => x.class.startsWith("hot"));
    assert.ok(hot.some(near), JSON.stringify(l.hotspots.cells.slice(0, 5)));
    assert.ok(hot.every((x: { count: number }) => x.count > 0));
    assert.ok(
      l.emerging.cells.some((x: { pattern: string; lat: number; lon: number }) => x.pattern.endsWith("_hot") && near(x)),
      JSON.stringify(l.emerging.cells.slice(0, 5)),
    );
    const page = await get(`${base}?vecka=2024-W22`);
    assert.match(page.body, /Polisens händelser har ingen egen position och ingår inte/);
  });

  it("says so when the data are too sparse for significance (no classes are shown)", async () => {
    const l = await api("?week=2023-W30");
    assert.equal(l.hotspots.sparse, "fewCells");
    assert.deepEqual(l.hotspots.cells, []);
    const page = await get(`${base}?vecka=2023-W30`);
    assert.match(page.body, /För glest underlag: bara \d+ rutor har händelser/);
  });

  it("shows the last meeting's decisions and their status", async () => {
    const meeting = await t.db
      .insertInto("est_meetings")
      .values({ tenant_id: w.tenant.id, week: "2024-W21", held_on: "2024-05-28", focus_areas: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("est_insatser")
      .values({
        tenant_id: w.tenant.id,
        meeting_id: meeting.id,
        title: "Kvällsrondering vid Testparken",
        place_id: w.places.park.id,
        place_name: "Testparken",
        lat: w.places.park.lat,
        lon: w.places.park.lon,
        categories: "[]",
        organisation_id: w.orgB.id,
        starts_on: "2024-05-29",
        ends_on: "2024-06-04",
        status: "pagar",
      })
      .execute();
    const page = await get(`${base}?vecka=2024-W22`);
    assert.match(page.body, /Mötet om vecka 2024-W21 \(28 maj 2024\) beslutade:/);
    assert.match(page.body, /Kvällsrondering vid Testparken<\/a><\/th><td>Testparken<\/td><td>Fastighetsförvaltningen<\/td>[\s\S]*?Pågår/);
  });

  it("the coordinator writes the summary; a stale version, personal data and a reporter are refused with nothing lost", async () => {
    const page = `${base}?vecka=2024-W22`;
    const post = async (who: typeof w.people.samordnare, fields: Record<string, string>) => {
      const { token, cookies } = await csrfFor(t.app, `${base}/rapportera`, who.cookies);
      return t.app.inject({
        method: "POST",
        url: `${base}/sammanfattning`,
        cookies,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      });
    };
    const before = await get(page);
    assert.match(before.body, /Utkast som Trygg har skrivit utifrån siffrorna/);
    assert.match(before.body, /Vecka 22 \(2024-05-27 – 2024-06-02\) kom \d+ händelser i Osby kommun/);
    const ok = await post(w.people.samordnare, { vecka: "2024-W22", omrade: "", version: "0", text: "Klottret ökar vid gångvägen; städningen prioriteras." });
    assert.equal(ok.statusCode, 303);
    const after1 = await get(page);
    assert.ok(after1.body.includes("Klottret ökar vid gångvägen; städningen prioriteras."));
    assert.match(after1.body, /Skriven av /);
    const stale = await post(w.people.samordnare, { vecka: "2024-W22", omrade: "", version: "0", text: "Min egen version." });
    assert.equal(stale.statusCode, 409);
    assert.ok(stale.body.includes("Min egen version."));
    assert.match(stale.body, /Någon annan sparade en sammanfattning/);
    const personal = await post(w.people.samordnare, { vecka: "2024-W22", omrade: "", version: "1", text: "Ring 070-1234567 vid frågor." });
    assert.equal(personal.statusCode, 400);
    assert.match(personal.body, /telefonnummer/);
    assert.ok((await get(page)).body.includes("Klottret ökar vid gångvägen"), "the saved summary is untouched");
    assert.equal((await post(w.people.rapportorA, { vecka: "2024-W22", omrade: "", version: "1", text: "x" })).statusCode, 403);
  });

  it("the PDF is tagged and says the same; the English one keeps Swedish content tagged sv-SE", async () => {
    const sv = await get(`${base}/lagesbild.pdf?vecka=2024-W22`);
    assert.equal(sv.statusCode, 200);
    assert.equal(sv.headers["content-type"], "application/pdf");
    const read = await readPdf(sv.rawPayload);
    assert.equal(read.lang, "sv-SE");
    assert.match(read.title ?? "", /^Veckolägesbild 2024-W22 – Osby kommun$/);
    for (const h of ["Sammanfattning", "Siffror", "Veckans karta", "Platser med flest händelser", "Beslut och insatser", "Polisens händelser"])
      assert.ok(read.find("H2", h).length, h);
    assert.ok(read.find("H2").some((e) => e.text.startsWith("Hot spots de senaste")));
    const en = await readPdf((await get(`${base}/lagesbild.pdf?vecka=2024-W22&lang=en`)).rawPayload);
    assert.equal(en.lang, "en-GB");
    assert.ok(en.find("H2", "Figures").length);
    assert.ok(
      en.find("P").some((e) => e.lang === "sv-SE" && e.text.includes("Klottret ökar vid gångvägen")),
      "the summary is Swedish content",
    );
  });

  it("the CSV has the figures (RFC 4180, or Excel with ?format=excel) and is the same as the page's", async () => {
    const csv = await get(`${base}/lagesbild.csv?vecka=2024-W22`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(
      lines[0],
      "Vecka,Område,Källa,Kategori,Veckan,4 veckor före,3 veckor före,2 veckor före,1 veckor före,Snitt 4 veckor före,Förändring,Vecka 22 i fjol",
    );
    assert.ok(lines.includes("2024-W22,Osby kommun,Partnerrapporter,Klotter,5,2,2,2,2,2,3,3"), lines.slice(0, 6).join("\n"));
    const excel = await get(`${base}/lagesbild.csv?vecka=2024-W22&format=excel`);
    assert.ok(excel.body.startsWith("\uFEFFVecka;Område;"));
    assert.match(String(excel.headers["content-disposition"]), /-excel\.csv"/);
  });

  it("a week that does not exist gets a clear message; every staff role reads the picture, nobody else", async () => {
    const bad = await get(`${base}?vecka=2024-W99`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Veckan ”2024-W99” finns inte/);
    for (const p of Object.values(w.people)) assert.equal((await get(`${base}?vecka=2024-W22`, p)).statusCode, 200);
    const anon = await t.app.inject({ method: "GET", url: `${base}?vecka=2024-W22` });
    assert.equal(anon.statusCode, 303);
  });
});
