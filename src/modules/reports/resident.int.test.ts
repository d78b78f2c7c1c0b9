// A resident reports without an account: on the map or by a named place (without JavaScript),
// with screening of the free text before anything is stored, cleaned photos, suggestions of
// similar reports, +1, the private follow page, and every kind of bad input answered in Swedish
// with nothing already saved lost.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { seedOsby } from "../seed.ts";
import { INSIDE, multipartBody, photoWithMetadata, pngBomb } from "./testing.ts";

type Res = { statusCode: number; body: string; headers: Record<string, unknown> };

describe("reports: a resident reports", () => {
  let t: TestApp;
  let tenantId: string;
  let stationPlaceId: string;
  let lonsbodaAreaId: string;

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "10000" } });
    const seeded = await seedOsby(t.db);
    tenantId = seeded.tenantId;
    stationPlaceId = (
      await t.db.selectFrom("places").select("id").where("tenant_id", "=", tenantId).where("name", "=", "Osby station").executeTakeFirstOrThrow()
    ).id;
    lonsbodaAreaId = (await t.db.selectFrom("areas").select("id").where("tenant_id", "=", tenantId).where("slug", "=", "lonsboda").executeTakeFirstOrThrow())
      .id;
  });
  after(async () => t?.close());

  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("reports")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("tenant_id", "=", tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function send(
    fields: Record<string, string | string[]>,
    files: Parameters<typeof multipartBody>[1] = [],
    headers: Record<string, string> = {},
  ): Promise<Res> {
    const { payload, headers: h } = multipartBody(fields, files);
    return t.app.inject({ method: "POST", url: "/t/osby/rapportera", payload, headers: { ...h, ...headers } });
  }

  const base = {
    category: "belysning",
    lat: String(INSIDE.lat),
    lon: String(INSIDE.lon),
    description: "Lampan vid gångvägen är trasig och det är mörkt.",
    skip_similar: "1",
  };

  it("shows the form with the allmän-handling notice, the categories and a way without the map", async () => {
    const res = await t.app.inject({ url: "/t/osby/rapportera" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /allmän handling/);
    assert.match(res.body, /name="category" value="belysning"/);
    assert.match(res.body, /name="place_id"/, "a named place replaces the map without JavaScript");
    assert.match(res.body, /name="area_id"/);
    assert.match(res.body, /<option value="[^"]+">Osby station<\/option>/, "named places to choose");
    assert.match(res.body, /enctype="multipart\/form-data"/);
  });

  it("stores a report on the map and leads to the private follow page", async () => {
    const before = await count();
    const res = await send({ ...base, email: "boende@exempel.se", name: "Kim", wants_updates: "ja", unsafe_times: ["kvall", "natt"], feels_unsafe: "ja" });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const location = String(res.headers.location);
    assert.match(location, /^\/t\/osby\/mitt-arende\?nyckel=[A-Za-z0-9_-]{43}&ny=1$/);
    assert.equal(await count(), before + 1);
    const report = await t.db
      .selectFrom("reports")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(report.precision, "point");
    assert.deepEqual(report.unsafe_times, ["kvall", "natt"]);
    assert.equal(report.feels_unsafe, true);
    assert.ok(report.area_id, "the point lies in Osby tätort");
    assert.ok(report.organisation_id, "routed by the demo's rules");
    // The receipt mail carries the reference and the private link.
    const mail = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "boende@exempel.se")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    assert.match(mail.body_text, new RegExp(report.ref.slice(0, 4)));
    assert.ok(mail.body_text.includes(location.replace("&ny=1", "")), "the mail links to the same private page");
    const follow = await t.app.inject({ url: location });
    assert.equal(follow.statusCode, 200);
    assert.match(follow.body, /Tack för din rapport/);
    assert.match(follow.body, /Spara adressen/);
    assert.equal(follow.headers["referrer-policy"], "no-referrer");
    // The public page exists (a place-type report) and shows no reporter data.
    const pub = await t.app.inject({ url: `/t/osby/rapporter/${report.ref}` });
    assert.equal(pub.statusCode, 200);
    assert.doesNotMatch(pub.body, /boende@exempel\.se|Kim/);
  });

  it("works without JavaScript: a named place, or an area described in words", async () => {
    const byPlace = await send({
      category: "klotter",
      place_id: stationPlaceId,
      location_text: "Väntkuren på norra sidan",
      description: "Klotter på hela väntkuren.",
      skip_similar: "1",
    });
    assert.equal(byPlace.statusCode, 303, byPlace.body.slice(0, 400));
    const r1 = await t.db
      .selectFrom("reports")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Klotter på hela väntkuren.")
      .executeTakeFirstOrThrow();
    assert.equal(r1.precision, "place");
    assert.equal(r1.place_id, stationPlaceId);
    assert.ok(r1.lat && r1.lon);

    const noWords = await send({ category: "nedskrapning", area_id: lonsbodaAreaId, description: "Skräp överallt efter marknaden." });
    assert.equal(noWords.statusCode, 400);
    assert.match(noWords.body, /Beskriv platsen med ord när du bara väljer ett område/);
    const byArea = await send({
      category: "nedskrapning",
      area_id: lonsbodaAreaId,
      location_text: "Bakom idrottshallen",
      description: "Skräp överallt efter marknaden.",
    });
    assert.equal(byArea.statusCode, 303);
    const r2 = await t.db
      .selectFrom("reports")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Skräp överallt efter marknaden.")
      .executeTakeFirstOrThrow();
    assert.equal(r2.precision, "area");
    assert.equal(r2.lat, null);
    assert.equal(r2.area_id, lonsbodaAreaId);
  });

  it("names the municipality a point lies in when it is outside the tenant, and says when it is outside Sweden", async () => {
    const before = await count();
    const hassleholm = await send({ ...base, lat: "56,1589", lon: "13,7664" });
    assert.equal(hassleholm.statusCode, 400);
    assert.match(hassleholm.body, /Platsen ligger i Hässleholms kommun, inte i Osby kommun/);
    assert.match(hassleholm.body, /Lampan vid gångvägen är trasig/, "the text comes back");
    const copenhagen = await send({ ...base, lat: "55.6761", lon: "12.5683" });
    assert.equal(copenhagen.statusCode, 400);
    assert.match(copenhagen.body, /utanför Sverige/);
    const notNumbers = await send({ ...base, lat: "femtiosex", lon: "14,0" });
    assert.equal(notNumbers.statusCode, 400);
    assert.match(notNumbers.body, /Ange koordinaten som ett tal/);
    assert.match(notNumbers.body, /aria-invalid="true"/);
    const nowhere = await send({ category: "belysning", description: "Mörkt" });
    assert.equal(nowhere.statusCode, 400);
    assert.match(nowhere.body, /Markera platsen på kartan, eller välj en namngiven plats eller ett område/);
    assert.equal(await count(), before, "nothing was stored");
  });

  it("refuses empty, too short and oversized text and an unknown category, keeping what was written", async () => {
    const before = await count();
    const empty = await send({ ...base, description: "   " });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Beskriv vad som är fel/);
    const long = await send({ ...base, description: "å".repeat(4001) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /högst 4[\s\u00a0]?000 tecken \(nu 4[\s\u00a0]?001\)/);
    const cat = await send({ ...base, category: "<script>alert(1)</script>" });
    assert.equal(cat.statusCode, 400);
    assert.match(cat.body, /Kategorin ”&lt;script&gt;alert\(1\)&lt;\/script&gt;” finns inte här/);
    assert.doesNotMatch(cat.body, /<script>alert/);
    const badEmail = await send({ ...base, email: "inte-en-adress", wants_updates: "ja" });
    assert.equal(badEmail.statusCode, 400);
    assert.match(badEmail.body, /Ange en giltig e-postadress/);
    assert.equal(await count(), before);
  });

  it("screens the text before storing: identity numbers (with and without century and separator), samordningsnummer, phone, e-mail and likely names", async () => {
    const before = await count();
    const cases: Array<[string, RegExp]> = [
      ["Han med personnummer 19811218-9876 står här", /personnummer/],
      ["Nummer 8112189876 på lappen", /personnummer/],
      ["Nummer 811218-9876 på lappen", /personnummer/],
      ["Nummer 201112189871 på lappen", /personnummer/],
      ["Samordningsnummer 701063-2391 på en lapp", /samordningsnummer/],
      ["Ring 070-123 45 67 så berättar jag", /telefonnummer/],
      ["Mejla mig på kim.svensson@example.com", /e-postadress/],
      ["Det var Anna Lindqvist som slängde skräpet", /troligt namn/],
    ];
    for (const [text, kind] of cases) {
      const res = await send({ ...base, description: text });
      assert.equal(res.statusCode, 400, text);
      assert.match(res.body, /Kontrollera din text innan den skickas/, text);
      assert.match(res.body, kind, text);
      assert.match(res.body, /<mark>/, `${text}: the finding is marked`);
      assert.match(res.body, /Ingenting är sparat ännu och ingenting har ändrats/);
    }
    // A number with a wrong check digit is no personnummer.
    const notId = await send({ ...base, description: "Skylten har nummer 811218-9870 på sig" });
    assert.equal(notId.statusCode, 303, "a failing Luhn digit is no identity number");
    assert.equal(await count(), before + 1, "only the clean text was stored");
  });

  it("lets the writer confirm that a likely name is not a person, but never waves an identity number through", async () => {
    const text = "Mörkt vid Per Albins väg hela kvällen";
    const first = await send({ ...base, description: text });
    assert.equal(first.statusCode, 400);
    const name = /name="confirmed_not_names" value="([^"]+)"/.exec(first.body)?.[1];
    assert.ok(name, "the form asks whether the name is a person");
    const confirmed = await send({ ...base, description: text, confirmed_not_names: name });
    assert.equal(confirmed.statusCode, 303);
    const stored = await t.db.selectFrom("reports").select("description").where("tenant_id", "=", tenantId).where("description", "=", text).executeTakeFirst();
    assert.ok(stored, "stored unchanged");
    const id = await send({ ...base, description: "Nummer 19811218-9876 här", confirmed_not_names: "19811218-9876" });
    assert.equal(id.statusCode, 400);
  });

  it("cleans photos (every metadata block removed), decides the type by the bytes, and keeps the text when a photo fails", async () => {
    const jpeg = await photoWithMetadata();
    const ok = await send({ ...base, description: "Trasig lampa, se bilden." }, [
      { field: "photos", filename: "IMG_0001.JPG", contentType: "image/jpeg", data: jpeg },
    ]);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
    const report = await t.db
      .selectFrom("reports")
      .select(["id", "ref"])
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Trasig lampa, se bilden.")
      .executeTakeFirstOrThrow();
    const photo = await t.db
      .selectFrom("report_photos")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("report_id", "=", report.id)
      .executeTakeFirstOrThrow();
    const img = await t.app.inject({ url: `/t/osby/rapporter/${report.ref}/bilder/${photo.id}.jpg` });
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers["content-type"], "image/jpeg");
    const meta = await sharp(img.rawPayload).metadata();
    assert.equal(meta.exif, undefined, "no EXIF (GPS, camera, name)");
    assert.equal(meta.xmp, undefined);
    assert.equal(meta.icc, undefined);
    assert.ok(!img.rawPayload.includes(Buffer.from("Anna Svensson")) && !img.rawPayload.includes(Buffer.from("hemligt")));

    const before = await count();
    // A script named like a photo: the bytes decide.
    const disguised = await send({ ...base, description: "Text som ska finnas kvar" }, [
      { field: "photos", filename: "bild.jpg", contentType: "image/jpeg", data: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>") },
    ]);
    assert.equal(disguised.statusCode, 400);
    assert.match(disguised.body, /ingen bild av de slag vi tar emot/);
    assert.match(disguised.body, /Text som ska finnas kvar/, "the text is kept");
    const bomb = await send({ ...base, description: "Text som ska finnas kvar" }, [
      { field: "photos", filename: "stor.png", contentType: "image/png", data: await pngBomb() },
    ]);
    assert.equal(bomb.statusCode, 400);
    assert.match(bomb.body, /orimligt stor i bildpunkter/);
    const small = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#345" } })
      .png()
      .toBuffer();
    const four = await send(
      { ...base, description: "Fyra bilder" },
      [1, 2, 3, 4].map((n) => ({ field: "photos", filename: `b${n}.png`, contentType: "image/png", data: small })),
    );
    assert.equal(four.statusCode, 400);
    assert.match(four.body, /högst 3 bilder/);
    assert.equal(await count(), before, "nothing stored while a photo is wrong");
    // The three good photos were kept: sending again (without files) with the form's draft key stores them.
    const draftKey = /name="draft_key" value="([^"]+)"/.exec(four.body)?.[1];
    assert.ok(draftKey);
    assert.match(four.body, /Bild 3 är sparad/);
    const again = await send({ ...base, description: "Fyra bilder", draft_key: draftKey });
    assert.equal(again.statusCode, 303);
    const r = await t.db
      .selectFrom("reports")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Fyra bilder")
      .executeTakeFirstOrThrow();
    const photos = await t.db.selectFrom("report_photos").select("id").where("tenant_id", "=", tenantId).where("report_id", "=", r.id).execute();
    assert.equal(photos.length, 3);
  });

  it("suggests open reports of the same kind nearby, so the resident can +1 instead", async () => {
    const near = { ...base, skip_similar: "", description: "Ännu en trasig lampa nära stationen." };
    const first = await send(near);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Finns det redan en rapport om detta\?/);
    const ref = /action="\/t\/osby\/rapporter\/([0-9A-Z]{8})\/instammer"/.exec(first.body)?.[1];
    assert.ok(ref);
    assert.match(first.body, /Nej, skicka min rapport ändå/);
    assert.match(first.body, /name="skip_similar" value="1"/);
    const target = await t.db.selectFrom("reports").select("id").where("tenant_id", "=", tenantId).where("ref", "=", ref).executeTakeFirstOrThrow();
    const supportsBefore = (
      await t.db.selectFrom("report_supports").select("id").where("tenant_id", "=", tenantId).where("report_id", "=", target.id).execute()
    ).length;
    const plus = await t.app.inject({
      method: "POST",
      url: `/t/osby/rapporter/${ref}/instammer`,
      payload: "unsafe_times=natt",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(plus.statusCode, 303);
    assert.equal(plus.headers.location, `/t/osby/rapporter/${ref}?instammer=1`);
    const supports = await t.db
      .selectFrom("report_supports")
      .select("unsafe_times")
      .where("tenant_id", "=", tenantId)
      .where("report_id", "=", target.id)
      .execute();
    assert.equal(supports.length, supportsBefore + 1);
    assert.ok(supports.some((s) => s.unsafe_times.includes("natt")));
    const page = await t.app.inject({ url: `/t/osby/rapporter/${ref}?instammer=1` });
    assert.match(page.body, /Tack! Din röst är registrerad/);
    // Person-related categories are never suggested (that would show them one by one).
    const narkotika = await send({ ...near, category: "narkotika", lat: "56.37985", lon: "13.99545", description: "Langning vid cykelgaraget varje kväll." });
    assert.equal(narkotika.statusCode, 303);
  });

  it("refuses a cross-site form post from a browser, but not the same site", async () => {
    const cross = await send(base, [], { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    assert.equal(cross.statusCode, 403);
    assert.match(cross.body, /Formuläret har gått ut eller skickades från fel ställe/);
    const oldBrowser = await send(base, [], { origin: "https://evil.example" });
    assert.equal(oldBrowser.statusCode, 403, "without Sec-Fetch-Site, another Origin is refused");
    // This site sends Referrer-Policy: no-referrer, so browsers post its own forms with Origin: null.
    const own = await send({ ...base, description: "Från vår egen sida" }, [], { "sec-fetch-site": "same-origin", origin: "null" });
    assert.equal(own.statusCode, 303);
    const same = await send({ ...base, description: "Från samma webbplats" }, [], { origin: "http://localhost:80" });
    assert.equal(same.statusCode, 303);
  });

  it("lets the reporter answer 'är det åtgärdat?' and remove their contact details", async () => {
    const res = await send({ ...base, description: "Mörkt i parken igen", email: "svar@exempel.se" });
    const url = String(res.headers.location).replace("&ny=1", "");
    const secret = new URL(url, "http://x").searchParams.get("nyckel")!;
    const post = (path: string, body: string) =>
      t.app.inject({ method: "POST", url: `/t/osby/mitt-arende/${path}`, payload: body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    const yes = await post("svar", `nyckel=${secret}&fixed=ja`);
    assert.equal(yes.statusCode, 303);
    let r = await t.db
      .selectFrom("reports")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Mörkt i parken igen")
      .executeTakeFirstOrThrow();
    assert.equal(r.status, "atgardad");
    const no = await post("svar", `nyckel=${secret}&fixed=nej`);
    assert.equal(no.statusCode, 303);
    r = await t.db.selectFrom("reports").selectAll().where("id", "=", r.id).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
    assert.equal(r.status, "under_utredning", "no on a fixed report reopens it");
    const page = await t.app.inject({ url });
    assert.match(page.body, /Den som rapporterade säger att det inte är åtgärdat/);
    const ask = await post("glom-mig", `nyckel=${secret}`);
    assert.equal(ask.statusCode, 200, "a confirmation step first");
    assert.match(ask.body, /Ta bort mitt namn och min e-post/);
    const forget = await post("glom-mig", `nyckel=${secret}&confirm=ja`);
    assert.equal(forget.statusCode, 303);
    r = await t.db.selectFrom("reports").selectAll().where("id", "=", r.id).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
    assert.equal(r.reporter_email, null);
    assert.ok(r.contact_removed_at);
    const wrong = await post("svar", "nyckel=fel&fixed=ja");
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /Länken gäller inte/);
  });

  it("keeps a report of a reviewed category out of sight until staff publish it", async () => {
    const res = await send({
      category: "annat",
      lat: String(INSIDE.lat),
      lon: String(INSIDE.lon),
      description: "Konstig lukt från en bod varje kväll.",
      skip_similar: "1",
    });
    assert.equal(res.statusCode, 303);
    const follow = await t.app.inject({ url: String(res.headers.location) });
    assert.match(follow.body, /Den granskas innan den visas/);
    const r = await t.db
      .selectFrom("reports")
      .select(["ref", "visibility"])
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Konstig lukt från en bod varje kväll.")
      .executeTakeFirstOrThrow();
    assert.equal(r.visibility, "pending");
    assert.equal((await t.app.inject({ url: `/t/osby/rapporter/${r.ref}` })).statusCode, 404);
  });
});

describe("reports: a flood from one address", () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "3" } });
    tenantId = (await seedOsby(t.db)).tenantId;
  });
  after(async () => t?.close());

  it("is stopped with a clear Swedish message, and what was stored stays", async () => {
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 5; i++) {
      const { payload, headers } = multipartBody({
        category: "belysning",
        lat: String(INSIDE.lat),
        lon: String(INSIDE.lon),
        description: `Flod ${i}`,
        skip_similar: "1",
      });
      const r = await t.app.inject({ method: "POST", url: "/t/osby/rapportera", payload, headers });
      statuses.push(r.statusCode);
      last = r.body;
    }
    assert.deepEqual(statuses, [303, 303, 303, 429, 429]);
    assert.match(last, /Du har skickat många rapporter på kort tid\. Vänta en minut/);
    const stored = await t.db.selectFrom("reports").select("description").where("tenant_id", "=", tenantId).where("description", "like", "Flod %").execute();
    assert.equal(stored.length, 3);
  });
});
