// The weekly meeting and its insatser: the meeting of a week's picture, its record and targeted
// places, insatser decided with every refusal named, owners reporting them (progress logged on the
// promise they serve, under the promises module's own rules), the before/after evaluation, the
// analysis pages, the deliberate export and the settings.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { latLonToSweref, swerefToLatLon } from "../../analysis/index.ts";
import { csrfFor } from "../../platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makePromiseDocument } from "../promises/testing.ts";
import { isoDate, stockholmLocalToInstant, today } from "./domain/time.ts";
import { estWorld, type TestPerson } from "./testing.ts";

type World = Awaited<ReturnType<typeof estWorld>>;

describe("EST meetings, insatser, evaluation, export and settings", () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let meetingId: string;
  let promiseId: string;

  before(async () => {
    t = await createTestApp();
    w = await estWorld(t.db);
    base = `/t/${w.tenant.slug}/arbete/est`;
    const made = await makePromiseDocument(t.db, w.tenant.id, { status: "publicerat", content: { valid_from: "2024-01-01", valid_to: "2024-12-31" } });
    promiseId = made.promise.id;
    await t.db.insertInto("promise_responsibles").values({ tenant_id: w.tenant.id, promise_id: promiseId, organisation_id: w.orgB.id }).execute();
  });
  after(async () => t?.close());

  async function post(url: string, who: TestPerson, fields: Record<string, string | string[]>, page = `${base}/moten`) {
    const { token, cookies } = await csrfFor(t.app, page, who.cookies);
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    form.set("_csrf", token);
    return t.app.inject({ method: "POST", url, cookies, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form.toString() });
  }
  const get = (url: string, who: TestPerson = w.people.samordnare) => t.app.inject({ method: "GET", url, cookies: who.cookies });

  it("opens the meeting of a week's picture; a week or a day out of place is refused with a message", async () => {
    const badWeek = await post(`${base}/moten`, w.people.samordnare, { week: "vecka 22", held_on: "2024-06-04" });
    assert.equal(badWeek.statusCode, 400);
    assert.match(badWeek.body, /Ange veckan som ÅÅÅÅ-Vvv/);
    const early = await post(`${base}/moten`, w.people.samordnare, { week: "2024-W22", held_on: "2024-05-01" });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Mötet om 2024-W22 hålls mellan 2024-05-27 och 2024-06-23/);
    const ok = await post(`${base}/moten`, w.people.samordnare, { week: "2024-w22", held_on: "2024-06-04" });
    assert.equal(ok.statusCode, 303);
    meetingId = String(ok.headers.location).split("/").at(-1)!;
    const again = await post(`${base}/moten`, w.people.samordnare, { week: "2024-W22", held_on: "2024-06-05" });
    assert.equal(again.headers.location, `${base}/moten/${meetingId}`, "one meeting per week: the existing one");
    assert.equal((await post(`${base}/moten`, w.people.rapportorA, { week: "2024-W23", held_on: "2024-06-11" })).statusCode, 403);
    const page = await get(`${base}/moten/${meetingId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="agenda-heading">Dagordning<\/h2>/);
    assert.match(page.body, /Lägesbilden för 2024-W22/);
  });

  it("records focus areas and notes (screened), targeted places per organisation, and marks the meeting held", async () => {
    const url = `${base}/moten/${meetingId}`;
    const personal = await post(
      `${url}/protokoll`,
      w.people.samordnare,
      { focus_areas: "klotter\nnedskräpning", notes: "Kontakt: 070-1234567", version: "1" },
      url,
    );
    assert.equal(personal.statusCode, 400);
    assert.match(personal.body, /telefonnummer/);
    assert.ok(personal.body.includes("Kontakt: 070-1234567"), "the input is kept");
    assert.equal(
      (
        await post(
          `${url}/protokoll`,
          w.people.samordnare,
          { focus_areas: "klotter vid gångvägen\nnedskräpning i centrum", notes: "Bra uppslutning.", version: "1" },
          url,
        )
      ).statusCode,
      303,
    );
    const stale = await post(`${url}/protokoll`, w.people.samordnare, { focus_areas: "gammalt", notes: "", version: "1" }, url);
    assert.equal(stale.statusCode, 409);
    const noPlace = await post(`${url}/mal`, w.people.samordnare, { organisation_id: w.orgB.id, place_id: "", place_name: "", note: "" }, url);
    assert.equal(noPlace.statusCode, 400);
    assert.match(noPlace.body, /Välj en plats eller skriv var/);
    const otherOrg = await post(
      `${url}/mal`,
      w.people.samordnare,
      { organisation_id: "00000000-0000-4000-8000-000000000001", place_id: w.places.park.id, note: "" },
      url,
    );
    assert.match(otherOrg.body, /Välj en av kommunens organisationer/);
    assert.equal(
      (await post(`${url}/mal`, w.people.samordnare, { organisation_id: w.orgB.id, place_id: w.places.park.id, note: "Extra rondering." }, url)).statusCode,
      303,
    );
    assert.equal(
      (await post(`${url}/mal`, w.people.samordnare, { organisation_id: w.orgA.id, place_id: "", place_name: "Gångtunneln vid stationen", note: "" }, url))
        .statusCode,
      303,
    );
    const page = await get(url);
    assert.match(page.body, /<h3>Fastighetsförvaltningen<\/h3><ul><li>Testparken – Extra rondering\./);
    assert.ok(page.body.includes("Gångtunneln vid stationen"));
    const target = await t.db.selectFrom("est_meeting_targets").select("id").where("place_name", "=", "Gångtunneln vid stationen").executeTakeFirstOrThrow();
    const ask = await post(`${url}/mal/${target.id}/ta-bort`, w.people.samordnare, {}, url);
    assert.equal(ask.statusCode, 200, "a deletion is confirmed first");
    assert.match(ask.body, /Ta bort platsen\?/);
    assert.ok((await get(url)).body.includes("Gångtunneln vid stationen"), "nothing removed before the confirmation");
    assert.equal((await post(`${url}/mal/${target.id}/ta-bort`, w.people.samordnare, { confirm: "ja" }, url)).statusCode, 303);
    assert.ok(!(await get(url)).body.includes("Gångtunneln vid stationen"));
    assert.equal((await post(`${url}/hallet`, w.people.samordnare, { version: "2" }, url)).statusCode, 303);
    assert.match((await get(url)).body, /badge--ok">Hållet/);
  });

  const insats = (over: Record<string, string | string[]> = {}) => ({
    title: "Kvällsrondering vid Testtorget",
    description: "Två väktare varje kväll.",
    place_id: w.places.square.id,
    radius_m: "250",
    organisation_id: w.orgB.id,
    starts_on: "2024-06-10",
    ends_on: "2024-06-16",
    promise_id: promiseId,
    comparison_place_id: "",
    categories: ["klotter"],
    ...over,
  });

  it("decides an insats at the meeting; every refusal is named and nothing is stored", async () => {
    const url = `${base}/moten/${meetingId}`;
    const count = async () => (await t.db.selectFrom("est_insatser").select("id").where("tenant_id", "=", w.tenant.id).execute()).length;
    const before = await count();
    for (const [over, message] of [
      [{ place_id: "" }, /Välj en av kommunens namngivna platser/],
      [{ ends_on: "2024-06-01" }, /Slutdatumet ligger före startdatumet/],
      [{ starts_on: "2023-06-10", ends_on: "2023-06-16" }, /Löftet gäller inte när insatsen börjar \(2023-06-10\)/],
      [{ comparison_place_id: w.places.square.id }, /kan inte vara insatsens egen plats/],
      [{ categories: ["ufo"] }, /Kategorin ”ufo” finns inte/],
      [{ title: "" }, /Fältet får inte vara tomt|Fältet är obligatoriskt/],
      [{ description: "Kontakta pelle@example.com" }, /e-postadress/],
    ] as Array<[Record<string, string | string[]>, RegExp]>) {
      const res = await post(`${url}/insatser`, w.people.samordnare, insats(over), url);
      assert.equal(res.statusCode, 400, JSON.stringify(over));
      assert.match(res.body, message);
    }
    assert.equal(await count(), before);
    assert.equal((await post(`${url}/insatser`, w.people.atgardB, insats(), url)).statusCode, 403, "action owners do not decide");
    const ok = await post(`${url}/insatser`, w.people.samordnare, insats(), url);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
    assert.equal(await count(), before + 1);
    const page = await get(url);
    assert.match(page.body, /Kvällsrondering vid Testtorget<\/a> – Testtorget, Fastighetsförvaltningen/);
    // Next week's picture shows the decision and its status.
    const next = await get(`${base}?vecka=2024-W23`);
    assert.match(next.body, /Mötet om vecka 2024-W22 \(4 juni 2024\) beslutade:/);
    assert.match(next.body, /Kvällsrondering vid Testtorget[\s\S]*?Beslutad/);
  });

  it("its organisation reports it started and done with the outcome; progress is logged on the promise as an activity", async () => {
    const row = await t.db.selectFrom("est_insatser").select(["id", "version"]).where("title", "=", "Kvällsrondering vid Testtorget").executeTakeFirstOrThrow();
    const url = `${base}/insatser/${row.id}`;
    assert.equal(
      (await post(`${url}/status`, w.people.rapportorA, { status: "pagar", outcome: "", version: String(row.version) }, `${base}/rapportera`)).statusCode,
      403,
      "another organisation",
    );
    assert.equal(
      (await post(`${url}/status`, w.people.lasare, { status: "pagar", outcome: "", version: String(row.version) }, `${base}/insatser`)).statusCode,
      403,
      "a reader",
    );
    assert.equal((await post(`${url}/status`, w.people.atgardB, { status: "pagar", outcome: "", version: String(row.version) }, url)).statusCode, 303);
    const noOutcome = await post(`${url}/status`, w.people.atgardB, { status: "genomford", outcome: "", done_on: "2024-06-16", version: "2" }, url);
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /Skriv vad som gjordes och hur det gick/);
    const future = await post(`${url}/status`, w.people.atgardB, { status: "genomford", outcome: "Klart.", done_on: isoDate(today() + 3), version: "2" }, url);
    assert.match(future.body, /Dagen ligger i framtiden/);
    const early = await post(`${url}/status`, w.people.atgardB, { status: "genomford", outcome: "Klart.", done_on: "2024-06-01", version: "2" }, url);
    assert.match(early.body, /Insatsen började 2024-06-10/);
    const cancel = await post(`${url}/status`, w.people.atgardB, { status: "installd", outcome: "Ingen personal.", version: "2" }, url);
    assert.equal(cancel.statusCode, 403, "only coordinators cancel");
    const done = await post(
      `${url}/status`,
      w.people.atgardB,
      { status: "genomford", outcome: "Rondering sju kvällar; inget nytt klotter sista veckan.", done_on: "2024-06-16", version: "2" },
      url,
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const stored = await t.db.selectFrom("est_insatser").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(stored.status, "genomford");
    assert.equal(stored.done_on, "2024-06-16");
    assert.ok(stored.activity_id);
    const activity = await t.db
      .selectFrom("promise_activities")
      .select(["title", "occurred_on", "promise_id"])
      .where("id", "=", stored.activity_id!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(activity, { title: "Kvällsrondering vid Testtorget", occurred_on: "2024-06-16", promise_id: promiseId });
    const page = await get(url);
    assert.match(page.body, /Aktivitet loggad på löftet/);
    assert.match(page.body, /aktivitet loggad/);
  });

  it("a promise outside its period is not logged, and the page says why; the insats is still done", async () => {
    const url = `${base}/moten/${meetingId}`;
    await post(
      `${url}/insatser`,
      w.people.samordnare,
      insats({ title: "Städning vid Testparken", place_id: w.places.park.id, starts_on: "2024-12-20", ends_on: "2024-12-31" }),
      url,
    );
    const row = await t.db.selectFrom("est_insatser").select(["id", "version"]).where("title", "=", "Städning vid Testparken").executeTakeFirstOrThrow();
    // Done in January: outside the 2024 promise.
    await t.db.updateTable("est_insatser").set({ ends_on: "2025-01-10" }).where("id", "=", row.id).execute();
    const done = await post(
      `${base}/insatser/${row.id}/status`,
      w.people.samordnare,
      { status: "genomford", outcome: "Städat.", done_on: "2025-01-05", version: String(row.version) },
      `${base}/insatser/${row.id}`,
    );
    assert.equal(done.statusCode, 303);
    const page = await t.app.inject({
      method: "GET",
      url: String(done.headers.location),
      cookies: { ...w.people.samordnare.cookies, ...Object.fromEntries(done.cookies.map((c) => [c.name, c.value])) },
    });
    assert.match(page.body, /Ingen aktivitet loggades på löftet: dagen ligger utanför löftets period \(2024-01-01 – 2024-12-31\)/);
    assert.equal((await t.db.selectFrom("est_insatser").select("status").where("id", "=", row.id).executeTakeFirstOrThrow()).status, "genomford");
  });

  it("evaluates before/after against the comparison area: counts, difference-in-differences, test and caveats", async () => {
    // Incidents at the insats's place (the polygon Testtorget) and at the comparison (Testskolan, 250 m circle).
    const sq = latLonToSweref(w.places.square.lat, w.places.square.lon);
    const school = latLonToSweref(w.places.school.lat, w.places.school.lon);
    const at = (iso: string, h: number) => {
      const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
      return stockholmLocalToInstant(y, m, d, h, 0);
    };
    const rows: Array<{ when: Date; e: number; n: number }> = [];
    // Before (2024-05-13 – 2024-06-09, 28 days): 16 at the square, 10 at the school.
    for (let i = 0; i < 16; i++) rows.push({ when: at(isoDate(19_856 + (i % 27)), 21), e: sq.e + (i % 5) * 10, n: sq.n });
    for (let i = 0; i < 10; i++) rows.push({ when: at(isoDate(19_856 + i * 2), 21), e: school.e + 20, n: school.n });
    // After (2024-06-10 – 2024-07-07): 3 at the square, 11 at the school.
    for (let i = 0; i < 3; i++) rows.push({ when: at(isoDate(19_884 + i * 5), 21), e: sq.e, n: sq.n + 5 });
    for (let i = 0; i < 11; i++) rows.push({ when: at(isoDate(19_884 + i * 2), 21), e: school.e, n: school.n + 20 });
    await t.db
      .insertInto("est_reports")
      .values(
        rows.map((r) => {
          const p = swerefToLatLon(r.n, r.e);
          return {
            tenant_id: w.tenant.id,
            origin: "formular" as const,
            occurred_from: r.when,
            day: Math.floor((r.when.getTime() + 7_200_000) / 86_400_000),
            category: "klotter",
            setting: "utomhus" as const,
            lat: p.lat,
            lon: p.lon,
            n: r.n,
            e: r.e,
            assessment: "ja" as const,
          };
        }),
      )
      .execute();
    const row = await t.db.selectFrom("est_insatser").select(["id", "version"]).where("title", "=", "Kvällsrondering vid Testtorget").executeTakeFirstOrThrow();
    const url = `${base}/insatser/${row.id}`;
    // No comparison chosen: one is suggested (the place whose count before is closest).
    const suggested = await get(url);
    assert.match(suggested.body, /föreslaget av Trygg/);
    assert.equal(
      (await post(`${url}/jamforelse`, w.people.samordnare, { comparison_place_id: w.places.school.id, version: String(row.version) }, url)).statusCode,
      303,
    );
    const page = await get(url);
    assert.match(page.body, /<strong>Minskning<\/strong>/);
    assert.match(page.body, /<tr><th scope="row">Insatsens plats<\/th><td class="num">16<\/td><td class="num">3<\/td><td class="num">-13<\/td><\/tr>/);
    assert.match(page.body, /<tr><th scope="row">Jämförelseområde<\/th><td class="num">10<\/td><td class="num">11<\/td><td class="num">1<\/td><\/tr>/);
    assert.match(page.body, /<dt>Skillnad i skillnader<\/dt><dd>-14<\/dd>/);
    assert.match(page.body, /regression mot medelvärdet/);
    assert.match(page.body, /Polisens händelser saknar position och ingår inte/);
    assert.match(page.body, /Testtorget \(platsens område\)/);
    assert.match(page.body, /Testskolan \(inom 250 m\)/);
    // The tertial and year pages list it with its evaluation.
    const tertial = await get(`${base}/analys?period=2024-T2`);
    assert.equal(tertial.statusCode, 200);
    assert.match(tertial.body, /Tertialanalys 2024-T2/);
    assert.match(
      tertial.body,
      /Kvällsrondering vid Testtorget<\/a><\/th>[\s\S]*?<td class="num">16 → 3<\/td><td class="num">10 → 11<\/td><td class="num">-14<\/td><td>Minskning<\/td>/,
    );
    assert.match((await get(`${base}/analys?period=2024`)).body, /Årsanalys 2024/);
    assert.equal((await get(`${base}/analys?period=2024-T7`)).statusCode, 400);
  });

  it("exports incidents deliberately: a purpose is required, every export is logged, police events have no point", async () => {
    await t.db
      .insertInto("est_police_events")
      .values({
        tenant_id: w.tenant.id,
        police_id: 42,
        published_at: new Date("2024-06-12T08:00:00Z"),
        occurred_at: new Date("2024-06-12T07:00:00Z"),
        time_source: "namn",
        day: 19_886,
        type: "Skadegörelse",
        summary: '=HYPERLINK("http://x")',
        url: "https://polisen.se/x/",
        location_name: "Osby",
        raw: "{}",
        content_hash: "h",
      })
      .execute();
    const logged = async () =>
      (await t.db.selectFrom("audit_log").select("id").where("tenant_id", "=", w.tenant.id).where("action", "=", "est.export").execute()).length;
    const before = await logged();
    const noPurpose = await post(
      `${base}/export`,
      w.people.samordnare,
      { from: "2024-06-01", to: "2024-06-30", format: "csv", purpose: "", sources: ["est", "polisen"] },
      `${base}/export`,
    );
    assert.equal(noPurpose.statusCode, 400);
    assert.match(noPurpose.body, /Ange syftet med exporten/);
    assert.equal(await logged(), before);
    const csv = await post(
      `${base}/export`,
      w.people.samordnare,
      { from: "2024-06-01", to: "2024-06-30", format: "csv", purpose: "Tertialanalys till KS", sources: ["est", "polisen"] },
      `${base}/export`,
    );
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-disposition"]), /est-osby-2024-06-01-2024-06-30\.csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.match(lines[0]!, /^källa,id,kategori,kategorinamn,tid,till,vecka,plats,lat,lon,sweref99tm_n,sweref99tm_e/);
    const police = lines.find((l) => l.startsWith("Polisens händelser,42,"))!;
    assert.ok(police.includes(',"\'=HYPERLINK(""http://x"")"'), "a formula is guarded (and quoted)");
    assert.match(police, /,Osby,,,,,/, "no coordinates for an area-level event");
    assert.equal(await logged(), before + 1);
    const log = await t.db.selectFrom("audit_log").select("data").where("action", "=", "est.export").orderBy("id", "desc").executeTakeFirstOrThrow();
    assert.equal((log.data as { purpose: string }).purpose, "Tertialanalys till KS");
    const geo = await post(
      `${base}/export`,
      w.people.polis,
      { from: "2024-06-01", to: "2024-06-30", format: "geojson", purpose: "Analys av sommaren", sources: ["est", "polisen"] },
      `${base}/export`,
    );
    assert.equal(geo.statusCode, 200);
    const fc = geo.json() as { features: Array<{ geometry: unknown; properties: { source: string } }> };
    assert.ok(fc.features.some((f) => f.properties.source === "est" && (f.geometry as { type: string }).type === "Point"));
    assert.ok(fc.features.filter((f) => f.properties.source === "polisen").every((f) => f.geometry === null));
    assert.equal((await get(`${base}/export`, w.people.rapportorA)).statusCode, 403);
    assert.match((await get(`${base}/export`)).body, /Tertialanalys till KS/);
  });

  it("the settings: a new category for reporters; a duplicate key, a band smaller than the cell are refused with the input kept", async () => {
    const page = `${base}/installningar`;
    const form = await get(page);
    const fields = (extra: Record<string, string | string[]>) => {
      const keys = [...form.body.matchAll(/name="cat_key" value="([^"]+)"/g)].map((m) => m[1]!);
      const svs = [...form.body.matchAll(/name="cat_sv" value="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
      const ens = [...form.body.matchAll(/name="cat_en" value="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
      return {
        cat_key: keys,
        cat_sv: svs,
        cat_en: ens,
        cat_active: keys,
        cat_person: [],
        cellSize: "200",
        band: "400",
        hotspotWeeks: "4",
        emergingWeeks: "12",
        mapCellSize: "250",
        minCellCount: "3",
        evaluationMinDays: "28",
        analysisPeriod: "tertial",
        policeFetch: "on",
        ...extra,
      };
    };
    const dup = await post(page, w.people.samordnare, fields({ new_key: "klotter", new_sv: "Klotter 2", new_en: "Graffiti 2" }), page);
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Den nyckeln finns redan/);
    const band = await post(page, w.people.samordnare, fields({ band: "100" }), page);
    assert.equal(band.statusCode, 400);
    assert.match(band.body, /Avståndsbandet måste vara minst rutstorleken/);
    const ok = await post(page, w.people.samordnare, fields({ new_key: "trasig_belysning", new_sv: "Trasig belysning", new_en: "Broken lighting" }), page);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const reportForm = await get(`${base}/rapportera`, w.people.rapportorA);
    assert.match(reportForm.body, /<option value="trasig_belysning">Trasig belysning<\/option>/);
    assert.equal((await get(page, w.people.polis)).statusCode, 403);
  });
});
