// Trying to leak through every public output. Reports of person-related categories carry marker
// texts and reporters' addresses; staff notes, replies, hidden photos and reports waiting for
// review or taken down carry their own. Then every public output — the list and report pages,
// the map data (with views and filters chosen to split or time-slice a cell), the Atom feed,
// Open311 (lists, filters, lookups, both formats), the suggestions of similar reports, the
// statistics page and its CSV, residents' alert mail — is searched for any of them. Counts below
// the threshold, counts cut by a map view, and the running month's person-related reports must
// never show.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { latLonToSweref } from "../../analysis/index.ts";
import { makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { monthStart, stockholmMonth } from "./domain/periods.ts";
import { hashSecret } from "./domain/codes.ts";
import { saveSettings } from "../../platform/tenancy/settings.ts";
import { DEFAULT_CATEGORIES, ReportsSettings, SETTINGS_KEY } from "./settings.ts";
import { makeReport, multipartBody } from "./testing.ts";

const A = { lat: 56.3813, lon: 13.9941 }; // person-related cell with 3 (shown) + 1 this month (never counted)
const B = { lat: 56.398, lon: 14.319 }; // person-related cell with 2 (below the threshold of 3)

describe("reports: nothing leaks through any public output", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  const markers: string[] = [];
  let personRefs: string[] = [];
  let placeRef = "";
  let pendingRef = "";
  let hiddenRef = "";
  let hiddenPhotoId = "";

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "10000" } });
    tenant = await makeTenant(t.db);
    const now = new Date();
    const m = stockholmMonth(now);
    const lastMonth = new Date(monthStart(m.year, m.month - 1).getTime() + 5 * 86_400_000);
    const twoMonthsAgo = new Date(monthStart(m.year, m.month - 2).getTime() + 9 * 86_400_000);
    const thisMonth = new Date(Math.max(monthStart(m.year, m.month).getTime() + 60_000, now.getTime() - 60_000));
    const cellOf = (p: { lat: number; lon: number }) => {
      const s = latLonToSweref(p.lat, p.lon);
      return `${Math.floor(s.e / 250)}_${Math.floor(s.n / 250)}`;
    };
    const near = (p: { lat: number; lon: number }, i: number) => ({ lat: p.lat + i * 0.00001, lon: p.lon + i * 0.00001 });
    for (let i = 0; i < 4; i++) assert.equal(cellOf(near(A, i)), cellOf(A), "the test points share one cell");
    const person = async (p: { lat: number; lon: number }, category: string, at: Date, i: number) => {
      const marker = `LÄCKA${category}${i}X`;
      markers.push(marker);
      const r = await makeReport(t.db, tenant.id, {
        ...p,
        category,
        description: `Misstänkt handel ${marker} vid kiosken`,
        location_text: `Bakom ${marker}`,
        reporter_email: `${marker.toLowerCase()}@exempel.se`,
        reporter_name: `Namn${marker}`,
        created_at: at,
      });
      personRefs.push(r.ref);
      return r;
    };
    await person(near(A, 0), "narkotika", lastMonth, 0);
    await person(near(A, 1), "narkotika", lastMonth, 1);
    await person(near(A, 2), "narkotika", twoMonthsAgo, 2);
    await person(near(A, 3), "narkotika", thisMonth, 3);
    await person(near(B, 0), "ordningsstorning", lastMonth, 4);
    await person(near(B, 1), "ordningsstorning", twoMonthsAgo, 5);
    personRefs = [...new Set(personRefs)];
    // A place-type report with everything staff keep to themselves.
    const place = await makeReport(t.db, tenant.id, {
      ...A,
      description: "Trasig lampa vid kiosken",
      reporter_email: "hemlig.boende@exempel.se",
      reporter_name: "Hemlig Boende",
    });
    placeRef = place.ref;
    for (const [kind, audience, text] of [
      ["internal", "staff", "INTERNANTECKNINGX"],
      ["reply", "reporter", "SVARTILLBOENDEX"],
      ["public", "public", "Lampan byts på tisdag"],
    ] as const)
      await t.db
        .insertInto("report_updates")
        .values({ tenant_id: tenant.id, report_id: place.id, kind, audience, text, author_label: "Gatukontoret" })
        .execute();
    const file = await t.db
      .insertInto("files")
      .values({
        tenant_id: tenant.id,
        storage_key: `${tenant.id}/reports/dold.jpg`,
        filename: "x.jpg",
        content_type: "image/jpeg",
        size_bytes: 1,
        sha256: "0".repeat(64),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    hiddenPhotoId = (
      await t.db
        .insertInto("report_photos")
        .values({
          tenant_id: tenant.id,
          report_id: place.id,
          file_id: file.id,
          thumb_file_id: file.id,
          width: 10,
          height: 10,
          hidden_at: new Date(),
          hidden_reason: "ansikte",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    pendingRef = (await makeReport(t.db, tenant.id, { ...A, category: "annat", visibility: "pending", description: "VÄNTARGRANSKNINGX" })).ref;
    hiddenRef = (await makeReport(t.db, tenant.id, { ...A, visibility: "hidden", description: "DOLDFÖRALLAX" })).ref;
    markers.push("INTERNANTECKNINGX", "SVARTILLBOENDEX", "VÄNTARGRANSKNINGX", "DOLDFÖRALLAX", "hemlig.boende@exempel.se", "Hemlig Boende");
  });
  after(async () => t?.close());

  const get = (url: string) => t.app.inject({ url });
  function clean(where: string, body: string): void {
    const found = markers.filter((m) => body.toLowerCase().includes(m.toLowerCase()));
    assert.deepEqual(found, [], `${where} shows what it must not: ${found.join(", ")}`);
    for (const ref of [...personRefs, pendingRef, hiddenRef]) assert.ok(!body.includes(ref), `${where} names the report ${ref}`);
  }

  it("keeps the list and report pages clean, and 404s what may not be shown on its own", async () => {
    const list = await get(`/t/${tenant.slug}/rapporter?dagar=365`);
    assert.equal(list.statusCode, 200);
    clean("the list page", list.body);
    assert.ok(list.body.includes(placeRef.slice(0, 4)), "the place-type report is listed");
    for (const ref of [...personRefs, pendingRef, hiddenRef]) assert.equal((await get(`/t/${tenant.slug}/rapporter/${ref}`)).statusCode, 404, ref);
    const page = await get(`/t/${tenant.slug}/rapporter/${placeRef}`);
    assert.equal(page.statusCode, 200);
    clean("the report page", page.body);
    assert.match(page.body, /Lampan byts på tisdag/);
    assert.ok(!page.body.includes(hiddenPhotoId), "a hidden photo is not linked");
    assert.equal((await get(`/t/${tenant.slug}/rapporter/${placeRef}/bilder/${hiddenPhotoId}.jpg`)).statusCode, 404);
    assert.equal((await get(`/t/${tenant.slug}/rapporter/${personRefs[0]}/bilder/${hiddenPhotoId}.jpg`)).statusCode, 404);
  });

  type Feature = { geometry: { type: string }; properties: { category: string; count?: number; label: string; href?: string } };
  const features = (body: string) => (JSON.parse(body) as { features: Feature[] }).features;

  it("shows person-related reports on the map only as whole cells over whole months, at or above the threshold", async () => {
    const views = [
      "",
      "?dagar=1",
      "?dagar=365",
      "?status=open",
      "?status=closed",
      "?kategori=narkotika",
      "?kategori=ordningsstorning",
      // Views that cut the cell around A: a count may be whole or absent, never part.
      `?bbox=${A.lon - 0.0005},${A.lat - 0.0005},${A.lon + 0.0005},${A.lat + 0.0005}`,
      `?bbox=${A.lon},${A.lat},${A.lon + 0.01},${A.lat + 0.01}`,
      `?bbox=${A.lon - 0.01},${A.lat - 0.01},${A.lon},${A.lat}`,
      `?bbox=${B.lon - 0.001},${B.lat - 0.001},${B.lon + 0.001},${B.lat + 0.001}`,
    ];
    for (const v of views) {
      const res = await get(`/t/${tenant.slug}/rapporter/karta.json${v}`);
      assert.equal(res.statusCode, 200, v);
      clean(`the map data${v}`, res.body);
      const fs = features(res.body);
      for (const f of fs.filter((x) => ["narkotika", "ordningsstorning"].includes(x.properties.category))) {
        assert.equal(f.geometry.type, "Polygon", `${v}: a person-related report as a point`);
        assert.equal(f.properties.href, undefined);
        assert.equal(f.properties.category, "narkotika", `${v}: the cell of 2 (ordningsstörning) is never shown`);
        assert.equal(f.properties.count, 3, `${v}: the whole cell over whole months — not cut by the view, and this month's report not counted`);
      }
    }
    const all = features((await get(`/t/${tenant.slug}/rapporter/karta.json`)).body);
    assert.equal(all.filter((f) => f.properties.category === "narkotika").length, 1, "the cell of 3 is shown");
  });

  it("keeps the Atom feed clean, also filtered by a person-related category", async () => {
    for (const q of ["", "?kategori=narkotika", "?kategori=ordningsstorning"]) {
      const res = await get(`/t/${tenant.slug}/rapporter/flode.atom${q}`);
      assert.equal(res.statusCode, 200);
      clean(`the feed${q}`, res.body);
    }
    assert.match((await get(`/t/${tenant.slug}/rapporter/flode.atom`)).body, /Lampan byts på tisdag/);
  });

  it("keeps every Open311 list, filter and lookup clean, in both formats", async () => {
    const v2 = `/t/${tenant.slug}/open311/v2`;
    for (const format of ["json", "xml"]) {
      for (const q of [
        "",
        "?service_code=narkotika",
        "?service_code=ordningsstorning,narkotika",
        `?service_request_id=${personRefs.join(",")},${pendingRef},${hiddenRef}`,
        "?status=open",
        "?extensions=true",
        `?lat=${A.lat}&long=${A.lon}&radius=100`,
        `?bbox=${A.lon - 0.01},${A.lat - 0.01},${A.lon + 0.01},${A.lat + 0.01}&extensions=true`,
      ]) {
        const res = await get(`${v2}/requests.${format}${q}`);
        assert.equal(res.statusCode, 200, `${format}${q}`);
        clean(`Open311 requests.${format}${q}`, res.body);
      }
      for (const ref of [...personRefs, pendingRef, hiddenRef])
        assert.equal((await get(`${v2}/requests/${ref}.${format}?extensions=true`)).statusCode, 404, ref);
      const one = await get(`${v2}/requests/${placeRef}.${format}?extensions=true`);
      assert.equal(one.statusCode, 200);
      clean(`Open311 requests/${placeRef}.${format}`, one.body);
    }
  });

  it("never suggests person-related reports as similar ones", async () => {
    for (const category of ["narkotika", "ordningsstorning"]) {
      const res = await get(`/t/${tenant.slug}/rapporter/nara.json?lat=${A.lat}&lon=${A.lon}&kategori=${category}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(JSON.parse(res.body), { reports: [] });
    }
    const { payload, headers } = multipartBody({
      category: "narkotika",
      lat: String(A.lat),
      lon: String(A.lon),
      description: "Ny rapport om handel vid kiosken",
    });
    const form = await t.app.inject({ method: "POST", url: `/t/${tenant.slug}/rapportera`, payload, headers });
    assert.equal(form.statusCode, 303, "no suggestion step for a person-related category");
  });

  it("shows statistics without small person-related counts, without this month's, and without any text", async () => {
    const res = await get(`/t/${tenant.slug}/rapporter/statistik`);
    assert.equal(res.statusCode, 200);
    clean("the statistics page", res.body);
    assert.match(res.body, /färre än 3/);
    // The two categories: 3 (narkotika, whole months) and 2 (ordningsstörning): both left out
    // (2 is small, and 3 would give 2 away from the shown total of 5); this month's is not in the 5.
    assert.match(res.body, /Rapporter om personers beteende<\/dt><dd>5<\/dd>/);
  });

  it("keeps the statistics CSV clean, in both dialects, with left-out counts as empty cells", async () => {
    for (const q of ["", "?format=excel"]) {
      const res = await get(`/t/${tenant.slug}/rapporter/statistik.csv${q}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], "text/csv; charset=utf-8");
      clean(`statistik.csv${q}`, res.body);
      const sep = q ? ";" : ",";
      const rows = res.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n")
        .map((l) => l.split(sep));
      const narkotikaTotal = rows.find((r) => r[0] === "narkotika" && r[3] === "Totalt");
      assert.deepEqual(narkotikaTotal?.slice(5), ["", "färre än 3"], `${q}: a left-out count is never a number`);
      for (const r of rows.filter((x) => x[0] === "ordningsstorning")) assert.ok(r[5] === "" || r[5] === "0", `${q}: ${r.join(sep)}`);
    }
  });

  it("sends residents' alerts only about reports the public may see, and staff alerts about all", async () => {
    await t.db
      .insertInto("report_subscriptions")
      .values([
        { tenant_id: tenant.id, email: "boende.bevakar@exempel.se", events: "both", token_hash: hashSecret("a"), confirmed_at: new Date() },
        {
          tenant_id: tenant.id,
          email: "hemlig.boende2@exempel.se",
          events: "new",
          category: "narkotika",
          token_hash: hashSecret("b"),
          confirmed_at: new Date(),
        },
      ])
      .execute();
    const send = async (category: string, description: string) => {
      const { payload, headers } = multipartBody({ category, lat: String(B.lat), lon: String(B.lon), description, skip_similar: "1" });
      const r = await t.app.inject({ method: "POST", url: `/t/${tenant.slug}/rapportera`, payload, headers });
      assert.equal(r.statusCode, 303);
    };
    await send("narkotika", "LARMNARKOTIKAX vid torget");
    await send("klotter", "Klotter på transformatorstationen");
    const mails = await t.db.selectFrom("outbox").select(["to_address", "body_text"]).where("tenant_id", "=", tenant.id).execute();
    const toResidents = mails.filter((m) => m.to_address === "boende.bevakar@exempel.se" || m.to_address === "hemlig.boende2@exempel.se");
    assert.ok(
      toResidents.some((m) => m.body_text.includes("Klotter på transformatorstationen")),
      "place-type reports are alerted",
    );
    assert.ok(!toResidents.some((m) => m.body_text.includes("LARMNARKOTIKAX")), "person-related reports never are");
  });

  it("keeps reports hidden when their category is later made place-type (then or now decides)", async () => {
    await saveSettings(t.db, tenant.id, SETTINGS_KEY, ReportsSettings, {
      categories: DEFAULT_CATEGORIES.map((c) => (c.code === "narkotika" || c.code === "ordningsstorning" ? { ...c, kind: "place" } : c)),
    });
    // The tenant row is read per request: the change applies at once.
    clean("the list page after the change", (await get(`/t/${tenant.slug}/rapporter?dagar=365`)).body);
    clean("the map data after the change", (await get(`/t/${tenant.slug}/rapporter/karta.json?dagar=365`)).body);
    clean("Open311 after the change", (await get(`/t/${tenant.slug}/open311/v2/requests.json?service_code=narkotika`)).body);
    clean("the feed after the change", (await get(`/t/${tenant.slug}/rapporter/flode.atom`)).body);
    for (const ref of personRefs) assert.equal((await get(`/t/${tenant.slug}/rapporter/${ref}`)).statusCode, 404);
  });
});
