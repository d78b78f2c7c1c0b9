// Official results and reported crime come in as CSV files: a file with unknown areas or items is
// rejected with the list of offending rows and nothing imported; a good one is shown as official.
// Then perceived beside reported, in plain Swedish where they diverge, with sources from the
// module list; and results taken into the promise (a cited finding with a live link, an
// indicator).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { latLonToSweref } from "../../analysis/index.ts";
import { makePromiseDocument } from "../promises/testing.ts";
import { addResponses, makeArea, makeDefinition, makeSurvey } from "./testing.ts";
import { storeAggregate } from "./repo/results.ts";

type Injected = { statusCode: number; body: string; headers: Record<string, unknown> };

describe("imports, perceived beside reported, and into the promise", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string; name: string };
  let coordinator: Record<string, string>;
  let police: Record<string, string>;
  let reader: Record<string, string>;
  let areas: Array<{ id: string; name: string; slug: string }>;
  const base = () => `/t/${tenant.slug}/arbete/trygghetsmatning`;
  const rounds: Record<number, string> = {};

  /** A multipart upload of a CSV file, as the import form sends it. */
  async function upload(pageUrl: string, action: string, csv: string, cookies: Record<string, string>, filename = "resultat.csv"): Promise<Injected> {
    const page = await t.app.inject({ method: "GET", url: pageUrl, cookies });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, `ingen CSRF-token på ${pageUrl}`);
    const jar = { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    const boundary = "----trygg-test";
    const parts = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nhttps://polisen.se/exempel\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
      `--${boundary}--\r\n`,
    ];
    return (await t.app.inject({
      method: "POST",
      url: action,
      cookies: jar,
      payload: Buffer.from(parts.join(""), "utf8"),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    })) as unknown as Injected;
  }

  async function post(pageUrl: string, action: string, fields: Record<string, string>, cookies = coordinator): Promise<Injected> {
    const page = await t.app.inject({ method: "GET", url: pageUrl, cookies });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, `ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
    const jar = { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    return (await t.app.inject({
      method: "POST",
      url: action,
      cookies: jar,
      payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    })) as unknown as Injected;
  }

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db, { name: "Osby kommun" });
    areas = [await makeArea(t.db, tenant.id, "Osby tätort", "osby-tatort", 1), await makeArea(t.db, tenant.id, "Lönsboda", "lonsboda", 2)];
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    police = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis")).id);
    reader = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "lasare")).id);
    // Two published rounds: insecurity in Osby tätort rises from 20 % (2020) to 40 % (2021).
    const d = await makeDefinition(t.db, tenant.id);
    for (const [year, unsafe] of [
      [2020, 8],
      [2021, 16],
    ] as const) {
      const s = await makeSurvey(t.db, tenant.id, d.id, { year, status: "stangd", title: `Trygghetsmätning ${year}` });
      await addResponses(
        t.db,
        tenant.id,
        s,
        d.content,
        Array.from({ length: 40 }, (_, i) => ({
          area: areas[0]!.id,
          values: { otrygg_kvall: i < unsafe ? "mycket_otrygg" : "mycket_trygg", fortkorning: "mycket_stort" },
        })),
      );
      await storeAggregate(t.db, tenant.id, s.id);
      await t.db.updateTable("surveys").set({ status: "publicerad", published_at: new Date(), aggregated_at: new Date() }).where("id", "=", s.id).execute();
      rounds[year] = s.id;
    }
  });
  after(async () => t?.close());

  it("rejects an official file with unknown areas or items, listing every offending row, importing nothing", async () => {
    const csv =
      "år;område;fråga;index;andel;n;färg\n2021;Lönsboda;fortkorning;5;;120;röd\n2021;Hökön;fortkorning;3;;;\n2021;Lönsboda;bilar_fort;2;;;\n2022;Lönsboda;fortkorning;9;;;\n";
    const res = await upload(`${base()}/import`, `${base()}/import`, csv, police);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Filen importerades inte: 3 rader har fel/);
    assert.match(res.body, /Rad 3: Okänt område ”Hökön”/);
    assert.match(res.body, /Rad 4: Okänd fråga ”bilar_fort”/);
    assert.match(res.body, /Rad 5: Indexet ”9” ligger inte mellan 0 och 6/);
    assert.match(res.body, /Ingenting har sparats/);
    assert.equal((await t.db.selectFrom("survey_official_results").select("id").where("tenant_id", "=", tenant.id).execute()).length, 0);
    assert.equal((await t.db.selectFrom("survey_imports").select("id").where("tenant_id", "=", tenant.id).execute()).length, 0);
  });

  it("imports the police's results and shows them as official, with the tenant's bands labelled unofficial", async () => {
    const csv =
      "År;Område;Fråga;Index;Andel;n;Färg\r\n2021;Lönsboda;fortkorning;5;;120;röd\r\n2022;lonsboda;fortkorning;2,0;;131;grön\r\n2022;Osby kommun;problemindex;3,1;;;\r\n";
    const readerTry = await t.app.inject({ method: "GET", url: `${base()}/import`, cookies: reader });
    assert.doesNotMatch(readerTry.body, /type="file"/, "a reader is not offered the upload");
    const res = await upload(`${base()}/import`, `${base()}/import`, csv, police);
    assert.equal(res.statusCode, 303);
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/2022` });
    assert.equal(page.statusCode, 200, "a year with only official results is public");
    assert.match(page.body, /Polisens officiella resultat/);
    assert.match(page.body, /Index 2/);
    assert.match(page.body, /grön/);
    // problemindex 3,1 has no official colour: the tenant's band, labelled.
    assert.match(page.body, /gul <span class="survey-unofficial">\(ej officiell beräkning\)<\/span>/);
    assert.match(page.body, /ej officiell beräkning/);
    const trend = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/trend/fortkorning` });
    const lonsboda = (trend.json() as { series: Array<{ area: string; points: Array<{ year: number; source: string; index: number | null }> }> }).series.find(
      (s) => s.area === "lonsboda",
    )!;
    assert.deepEqual(
      lonsboda.points.filter((p) => p.source === "officiell").map((p) => [p.year, p.index]),
      [
        [2021, 5],
        [2022, 2],
      ],
    );
    // A new import of the same year, area and item replaces the value.
    await upload(`${base()}/import`, `${base()}/import`, "år;område;fråga;index\n2022;Lönsboda;fortkorning;2,5\n", police, "rättelse.csv");
    const fixed = await t.db
      .selectFrom("survey_official_results")
      .select(["index_value", "n"])
      .where("tenant_id", "=", tenant.id)
      .where("year", "=", 2022)
      .where("item_key", "=", "fortkorning")
      .execute();
    assert.deepEqual(fixed, [{ index_value: 2.5, n: null }]);
    // Removing an import asks first (what goes, that it cannot be undone); then its values are gone.
    await upload(`${base()}/import`, `${base()}/import`, "år;område;fråga;index\n2019;Lönsboda;fortkorning;4\n", police, "fel-år.csv");
    const wrong = await t.db
      .selectFrom("survey_imports")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .where("filename", "=", "fel-år.csv")
      .executeTakeFirstOrThrow();
    const values2019 = () => t.db.selectFrom("survey_official_results").select("id").where("tenant_id", "=", tenant.id).where("year", "=", 2019).execute();
    const asked = await post(`${base()}/import`, `${base()}/import/${wrong.id}/ta-bort`, {}, police);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /<h1>Ta bort importen ”fel-år.csv”\?<\/h1>/);
    assert.match(asked.body, /1 värde/);
    assert.equal((await values2019()).length, 1, "asked, nothing removed");
    const removed = await post(`${base()}/import`, `${base()}/import/${wrong.id}/ta-bort`, { confirm: "ja" }, police);
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await values2019(), []);
  });

  it("says in plain Swedish where insecurity and reported crime diverge, with Brå's statistics as a source", async () => {
    const empty = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/jamforelse/osby-tatort` });
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Ingen händelsestatistik ännu/);
    const bad = await upload(
      `${base()}/brottsstatistik`,
      `${base()}/brottsstatistik`,
      "år;område;brottskategori;antal\n2020;;Samtliga brott;-1\n",
      coordinator,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Rad 2: Antalet ”-1” är inget heltal från 0/);
    const ok = await upload(
      `${base()}/brottsstatistik`,
      `${base()}/brottsstatistik`,
      "år;område;brottskategori;antal\n2020;;Samtliga brott;1000\n2021;Osby kommun;Samtliga brott;850\n",
      coordinator,
    );
    assert.equal(ok.statusCode, 303);
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/jamforelse/osby-tatort` });
    assert.equal(page.statusCode, 200);
    // 8 of 40 → 16 of 40: a rise, but the intervals overlap — and the page says that too.
    assert.match(
      page.body,
      /<p class="survey-paradox">Otryggheten ökar medan de anmälda brotten \(samtliga brott\) minskar \(2020–2021\)\. Förändringen i den upplevda tryggheten ryms inom den statistiska osäkerheten\.<\/p>/,
    );
    assert.match(page.body, /hela kommunen/, "Brå's figures are the whole municipality's, and the page says so");
    assert.match(page.body, /<svg viewBox/);
    const api = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/comparison?area=osby-tatort` });
    const json = api.json() as { statements: Array<{ text: string; diverges: boolean }> };
    assert.ok(json.statements.some((s) => s.diverges && /Otryggheten ökar medan/.test(s.text)));
    assert.equal((await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/comparison?area=hokon` })).statusCode, 404);
  });

  it("sets the incident sources of other modules (the police's events through EST) beside it for staff only", async () => {
    // 30 events in 2020, 12 in 2021 (day numbers: days since 1970-01-01).
    const day = (iso: string) => Math.floor(Date.parse(`${iso}T12:00:00Z`) / 86_400_000);
    const events = [...Array.from({ length: 30 }, () => "2020-05-10"), ...Array.from({ length: 12 }, () => "2021-06-15")].map((d, i) => ({
      tenant_id: tenant.id,
      police_id: 900_000 + i,
      published_at: new Date(`${d}T12:00:00Z`),
      occurred_at: new Date(`${d}T11:00:00Z`),
      time_source: "namn" as const,
      day: day(d),
      type: i % 2 ? "Trafikolycka" : "Stöld",
      location_name: "Osby",
      raw: JSON.stringify({}),
      content_hash: `h${i}`,
    }));
    await t.db.insertInto("est_police_events").values(events).execute();
    const url = `/t/${tenant.slug}/trygghetsmatning/jamforelse/osby-tatort`;
    const staffPage = await t.app.inject({ method: "GET", url, cookies: reader });
    assert.equal(staffPage.statusCode, 200);
    // One series for the source (not one per event type), for the whole municipality (no points).
    assert.match(staffPage.body, /Polisens händelser \(hela kommunen\)/);
    assert.match(staffPage.body, /Otryggheten ökar medan polisens händelser minskar \(2020–2021\)/);
    const publicPage = await t.app.inject({ method: "GET", url });
    assert.doesNotMatch(publicPage.body, /Polisens händelser/, "EST's sources are staff only");
    assert.match(publicPage.body, /de anmälda brotten/, "Brå's public statistics stay");
    const api = (await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/comparison?area=osby-tatort`, cookies: reader })).json() as {
      reported: Array<{ key: string; points: Array<{ year: number; count: number }> }>;
    };
    assert.deepEqual(api.reported.find((r) => r.key.startsWith("polisen"))?.points, [
      { year: 2020, count: 30 },
      { year: 2021, count: 12 },
    ]);
  });

  it("counts a source with positions per survey area, by the area's polygon", async () => {
    // Osby tätort gets a polygon (a square of about 2 km around the centre); partner reports:
    // inside it 10 in 2020 and 20 in 2021, and 7 in 2021 in Lönsboda (no polygon of its own here,
    // so not in Osby tätort).
    const [lat0, lon0] = [56.381, 13.995];
    const square = [
      [lon0 - 0.02, lat0 - 0.01],
      [lon0 + 0.02, lat0 - 0.01],
      [lon0 + 0.02, lat0 + 0.01],
      [lon0 - 0.02, lat0 + 0.01],
      [lon0 - 0.02, lat0 - 0.01],
    ];
    await t.db
      .updateTable("areas")
      .set({ geometry: JSON.stringify({ type: "Polygon", coordinates: [square] }) })
      .where("id", "=", areas[0]!.id)
      .execute();
    const day = (iso: string) => Math.floor(Date.parse(`${iso}T12:00:00Z`) / 86_400_000);
    const report = (iso: string, lat: number, lon: number) => {
      const p = latLonToSweref(lat, lon);
      return {
        tenant_id: tenant.id,
        origin: "api" as const,
        occurred_from: new Date(`${iso}T20:00:00Z`),
        day: day(iso),
        category: "klotter",
        setting: "utomhus" as const,
        lat,
        lon,
        n: p.n,
        e: p.e,
        assessment: "nej" as const,
      };
    };
    await t.db
      .insertInto("est_reports")
      .values([
        ...Array.from({ length: 10 }, () => report("2020-09-01", lat0, lon0)),
        ...Array.from({ length: 20 }, () => report("2021-09-01", lat0 + 0.005, lon0 - 0.01)),
        ...Array.from({ length: 7 }, () => report("2021-09-01", 56.398, 14.319)),
      ])
      .execute();
    const comparison = async (area: string) =>
      (await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/comparison?area=${area}`, cookies: reader })).json() as {
        reported: Array<{ key: string; level: string; points: Array<{ year: number; count: number }> }>;
      };
    const osby = (await comparison("osby-tatort")).reported.find((r) => r.key.startsWith("est"));
    assert.equal(osby?.level, "area");
    assert.deepEqual(osby?.points, [
      { year: 2020, count: 10 },
      { year: 2021, count: 20 },
    ]);
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/jamforelse/osby-tatort`, cookies: reader });
    assert.match(page.body, /Otryggheten ökar och partnerrapporter ökar|både otryggheten och partnerrapporter ökar/i);
    // The whole municipality counts them all.
    const all = (await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/surveys/comparison`, cookies: reader })).json() as {
      reported: Array<{ key: string; points: Array<{ year: number; count: number }> }>;
    };
    assert.deepEqual(all.reported.find((r) => r.key.startsWith("est"))?.points, [
      { year: 2020, count: 10 },
      { year: 2021, count: 27 },
    ]);
  });

  it("cites a published result as a finding of a draft promise, with a live link", async () => {
    const { doc } = await makePromiseDocument(t.db, tenant.id, { status: "utkast" });
    const url = `${base()}/${rounds[2021]}/citera`;
    const page = await t.app.inject({ method: "GET", url: `${url}?fraga=otrygg_kvall&omrade=osby-tatort`, cookies: police });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Trygghetsmätningen 2021, Osby tätort: andel otrygga – ”Hur trygg/);
    assert.match(page.body, /40 procent \(95 % konfidensintervall 26–55 procent, 40 svar\)/);
    const tooShort = await post(
      `${url}?fraga=otrygg_kvall&omrade=osby-tatort`,
      url,
      { fraga: "otrygg_kvall", omrade: "osby-tatort", text: "x", document_id: doc.id },
      police,
    );
    assert.equal(tooShort.statusCode, 400);
    assert.match(tooShort.body, /Skriv iakttagelsen med 3–2000 tecken/);
    const text = "Otryggheten i Osby tätort steg till 40 procent 2021.";
    const res = await post(
      `${url}?fraga=otrygg_kvall&omrade=osby-tatort`,
      url,
      { fraga: "otrygg_kvall", omrade: "osby-tatort", text, document_id: doc.id },
      police,
    );
    assert.equal(res.statusCode, 303);
    const after = await t.db.selectFrom("promise_documents").select("findings").where("id", "=", doc.id).executeTakeFirstOrThrow();
    const finding = (after.findings as Array<{ text: string; source: string; ref_url: string }>).at(-1)!;
    assert.deepEqual(finding, { text, source: "trygghetsmatning", ref_url: `/t/${tenant.slug}/trygghetsmatning/2021#otrygg_kvall--osby-tatort` });
    const target = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/trygghetsmatning/2021` });
    assert.match(target.body, /id="otrygg_kvall--osby-tatort"/, "the link leads to the cell");
    // A published promise document cannot take a new finding.
    const published = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const refused = await post(`${url}?fraga=otrygg_kvall`, url, { fraga: "otrygg_kvall", omrade: "", text, document_id: published.doc.id }, police);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Bara utkast kan ändras/);
  });

  it("names a survey item as a promise's indicator and shows its latest value", async () => {
    const { promise, doc } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const url = `${base()}/${rounds[2021]}/citera?fraga=otrygg_kvall&omrade=osby-tatort`;
    const res = await post(url, `${base()}/indikator`, { fraga: "otrygg_kvall", omrade: "osby-tatort", promise: promise.lineage_id, tillbaka: url });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, url);
    const rows = await t.db.selectFrom("survey_indicators").selectAll().where("tenant_id", "=", tenant.id).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.promise_lineage_id, rows[0]!.item_key, rows[0]!.area_id], [promise.lineage_id, "otrygg_kvall", areas[0]!.id]);
    const page = await t.app.inject({ method: "GET", url, cookies: coordinator });
    assert.match(page.body, /Andel otrygga: Hur trygg eller otrygg[^<]*, Osby tätort<\/a>: 2021 40 % \(26–55 %\)/);
    // The promise's public page shows its indicator, with the latest value and a link to the figures.
    const promisePage = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${doc.id}` });
    assert.equal(promisePage.statusCode, 200);
    assert.match(
      promisePage.body,
      new RegExp(
        `<dt>Indikator</dt><dd><a href="/t/${tenant.slug}/trygghetsmatning/fraga/otrygg_kvall">Andel otrygga: Hur trygg[^<]*, Osby tätort</a>: 2021: 40 % \\(26–55 %\\)</dd>`,
      ),
    );
    const unknown = await post(url, `${base()}/indikator`, {
      fraga: "otrygg_kvall",
      omrade: "",
      promise: "00000000-0000-4000-8000-000000000000",
      tillbaka: url,
    });
    assert.equal(unknown.statusCode, 303);
    const flash = await t.app.inject({ method: "GET", url, cookies: { ...coordinator, flash: "" } });
    assert.equal(flash.statusCode, 200);
    assert.equal(
      (await t.db.selectFrom("survey_indicators").select("id").where("tenant_id", "=", tenant.id).execute()).length,
      1,
      "an unknown promise adds nothing",
    );
  });
});
