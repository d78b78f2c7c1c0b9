// Capturing observations: PUT by the phone's id stores once however often it is sent; a missing
// position or category keeps it as a draft; the stop gives a position; ids cannot be reused across
// walks or tenants; only organisers and the walk's observers capture; free text is screened for
// personal data; photos are checked by their bytes and stored without metadata; the no-JavaScript
// form stores once on a double submit; nothing is captured outside the walk's time.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { makeWalk } from "./testing.ts";

type Res = { statusCode: number; body: string; headers: Record<string, unknown> };
const json = (r: Res) => JSON.parse(r.body);

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: "#6a8" } })
    .jpeg()
    .withExif({
      IFD0: { Artist: "Anna Svensson" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "56/1 23/1 52/1", GPSLongitudeRef: "E", GPSLongitude: "14/1 19/1 8/1" },
    })
    .toBuffer();
}

function multipart(fields: Record<string, string>, files: Array<{ field: string; filename: string; type: string; data: Buffer }>) {
  const boundary = `----walks${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("capturing observations", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let walk: { id: string };
  let stops: string[];
  let organiser: Record<string, string>;
  let reporter: { id: string; cookies: Record<string, string> };
  let reader: Record<string, string>;
  let base: string;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    const w = await makeWalk(t.db, tenant.id, { status: "inbjudan", daysFromNow: 0 });
    walk = w.walk;
    stops = w.stopIds;
    organiser = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis")).id);
    const r = await makeUser(t.db, tenant.id, "rapportor");
    reporter = { id: r.id, cookies: await sessionCookie(t.db, r.id) };
    reader = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "lasare")).id);
    base = `/api/t/${tenant.slug}/walks/${walk.id}/observations`;
  });
  after(async () => t?.close());

  const put = (id: string, body: unknown, cookies = organiser) =>
    t.app.inject({ method: "PUT", url: `${base}/${id}`, cookies, payload: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const count = async (id: string) => (await t.db.selectFrom("walk_observations").select("id").where("id", "=", id).execute()).length;

  it("stores an observation sent twice exactly once, and answers both times with what is stored", async () => {
    const id = randomUUID();
    const body = {
      lat: 56.3985,
      lon: 14.3195,
      category: "belysning",
      description: "Lampan vid parkeringen är trasig.",
      unsafe: true,
      unsafe_for: "äldre",
      urgency: "hog",
    };
    const first = await put(id, body);
    assert.equal(first.statusCode, 201, first.body);
    const second = await put(id, body);
    assert.equal(second.statusCode, 200, second.body);
    assert.deepEqual(json(second), json(first));
    assert.equal(await count(id), 1);
    assert.equal(json(first).draft, false);
    const row = await t.db.selectFrom("walk_observations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.ok(row.n !== null && row.e !== null, "SWEREF 99 TM stored for the lägesbild");
  });

  it("keeps an observation without position or category as a draft, with what is missing", async () => {
    const id = randomUUID();
    const res = await put(id, { description: "Något vid busshållplatsen, kom ihåg att fylla i." });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(json(res).draft, true);
    assert.deepEqual(json(res).draft_problems, ["position", "category"]);
    // Completing it later (the same id) is an update by the one allowed to edit it.
    const done = await put(id, { description: "Något vid busshållplatsen, kom ihåg att fylla i.", stop_id: stops[0], category: "skymd_sikt" });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(json(done).draft, false);
    assert.equal(json(done).lat, 56.398, "the stop's position when none was given");
    assert.equal(await count(id), 1);
  });

  it("refuses an id already used by another walk, and changes nothing", async () => {
    const other = await makeWalk(t.db, tenant.id, { status: "inbjudan", daysFromNow: 0 });
    const id = randomUUID();
    assert.equal((await put(id, { category: "klotter", lat: 56.4, lon: 14.3 })).statusCode, 201);
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/t/${tenant.slug}/walks/${other.walk.id}/observations/${id}`,
      cookies: organiser,
      payload: JSON.stringify({ category: "trasigt", lat: 56.41, lon: 14.31 }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(json(res).error.code, "id_taken");
    const row = await t.db.selectFrom("walk_observations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.walk_id, walk.id);
    assert.equal(row.category, "klotter");
  });

  it("lets staff capture only as organisers or as the walk's observers", async () => {
    const id = randomUUID();
    const refused = await put(id, { category: "klotter", lat: 56.4, lon: 14.3 }, reporter.cookies);
    assert.equal(refused.statusCode, 403);
    assert.match(json(refused).error.message, /inte observatör/);
    assert.equal((await put(id, { category: "klotter", lat: 56.4, lon: 14.3 }, reader)).statusCode, 403);
    await t.db.insertInto("walk_observers").values({ tenant_id: tenant.id, walk_id: walk.id, user_id: reporter.id }).execute();
    assert.equal((await put(id, { category: "klotter", lat: 56.4, lon: 14.3 }, reporter.cookies)).statusCode, 201);
    // An observer may not change what someone else captured.
    const theirs = randomUUID();
    await put(theirs, { category: "trasigt", lat: 56.4, lon: 14.3 });
    const changed = await put(theirs, { category: "klotter", lat: 56.4, lon: 14.3 }, reporter.cookies);
    assert.equal(changed.statusCode, 403);
    assert.equal((await t.db.selectFrom("walk_observations").select("category").where("id", "=", theirs).executeTakeFirstOrThrow()).category, "trasigt");
  });

  it("refuses personal data in the text, and accepts a likely name the observer confirms is not a person", async () => {
    const phone = await put(randomUUID(), { category: "annat", lat: 56.4, lon: 14.3, description: "Ring fastighetsskötaren på 0701-234567." });
    assert.equal(phone.statusCode, 422);
    assert.equal(json(phone).error.code, "personal_data");
    assert.match(json(phone).error.fields[0].message, /telefonnummer/);
    const id = randomUUID();
    const name = await put(id, { category: "klotter", lat: 56.4, lon: 14.3, description: "Klotter på muren vid Per Albins väg." });
    assert.equal(name.statusCode, 422);
    assert.equal(json(name).error.code, "possible_names");
    assert.equal(await count(id), 0);
    const ok = await put(id, {
      category: "klotter",
      lat: 56.4,
      lon: 14.3,
      description: "Klotter på muren vid Per Albins väg.",
      confirmed_not_names: ["Per Albins"],
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it("says in Swedish and English what is wrong with a position outside Sweden", async () => {
    const res = await put(randomUUID(), { category: "klotter", lat: 40, lon: 14.3 });
    assert.equal(res.statusCode, 400);
    const field = json(res).error.fields.find((f: { field: string }) => f.field === "lat");
    assert.match(field.message, /mellan 55 och 70/);
    assert.match(field.message_en, /between 55 and 70/);
  });

  it("stores a photo without its metadata, once for the same bytes, and refuses what is not a photo", async () => {
    const id = randomUUID();
    await put(id, { category: "belysning", lat: 56.4, lon: 14.3 });
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/falt`, cookies: organiser });
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const jar = { ...organiser, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    const bytes = await photoWithGps();
    const send = (data: Buffer, type = "image/jpeg", filename = "IMG_0001.jpg") => {
      const m = multipart({}, [{ field: "photo", filename, type, data }]);
      return t.app.inject({ method: "POST", url: `${base}/${id}/photo`, cookies: jar, payload: m.payload, headers: { ...m.headers, "x-csrf-token": token } });
    };
    const first = await send(bytes);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(json(first).has_photo, true);
    const files = await t.db.selectFrom("files").select(["id", "storage_key"]).where("tenant_id", "=", tenant.id).execute();
    assert.equal(files.length, 2, "the photo and its thumbnail");
    const again = await send(bytes);
    assert.equal(again.statusCode, 200);
    assert.equal((await t.db.selectFrom("files").select("id").where("tenant_id", "=", tenant.id).execute()).length, 2, "the same bytes store nothing new");
    // The stored photo has no EXIF (no GPS position, no name).
    const photo = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/foton/${id}`, cookies: organiser });
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers["content-type"], "image/jpeg");
    const meta = await sharp(photo.rawPayload).metadata();
    assert.equal(meta.exif, undefined, "no EXIF block");
    assert.ok(!photo.rawPayload.includes(Buffer.from("Anna Svensson")));
    // A text file called .jpg is refused by its bytes.
    const fake = await send(Buffer.from("inte en bild"), "image/jpeg", "foto.jpg");
    assert.equal(fake.statusCode, 415);
    assert.equal(json(fake).error.code, "not_an_image");
    // Not public while the protocol is not published.
    await t.db.updateTable("walk_observations").set({ photo_public: true }).where("id", "=", id).execute();
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walk.id}/foton/${id}` })).statusCode, 404);
  });

  it("stores the no-JavaScript form once when it is sent twice, and keeps a draft with a warning", async () => {
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/falt`, cookies: organiser });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const id = /name="id" value="([^"]+)"/.exec(page.body)![1]!;
    const jar = { ...organiser, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    const fields = { _csrf: token, id, description: "Mörkt under bron", category: "", lat: "", lon: "" };
    for (let i = 0; i < 2; i++) {
      const m = multipart(fields, []);
      const res = await t.app.inject({
        method: "POST",
        url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/observationer`,
        cookies: jar,
        payload: m.payload,
        headers: m.headers,
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    }
    assert.equal(await count(id), 1);
    const listed = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/falt`, cookies: organiser });
    assert.match(listed.body, /Utkast – position saknas, kategori saknas/);
  });

  it("re-shows the form with the input and the reason when the text has personal data (nothing saved)", async () => {
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/falt`, cookies: organiser });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const id = /name="id" value="([^"]+)"/.exec(page.body)![1]!;
    const jar = { ...organiser, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    const m = multipart({ _csrf: token, id, description: "Mejla mig på kalle@example.org", category: "annat", lat: "56,4", lon: "14,3" }, []);
    const res = await t.app.inject({
      method: "POST",
      url: `/t/${tenant.slug}/arbete/vandringar/${walk.id}/observationer`,
      cookies: jar,
      payload: m.payload,
      headers: m.headers,
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /e-postadress ”kalle@example\.org”/);
    assert.match(res.body, /Mejla mig på kalle@example.org<\/textarea>/);
    assert.match(res.body, new RegExp(`name="id" value="${id}"`), "the same id, so a corrected send stores once");
    assert.equal(await count(id), 0);
  });

  it("takes no new observations once the protocol is out, but still answers a late repeat", async () => {
    const id = randomUUID();
    await put(id, { category: "klotter", lat: 56.4, lon: 14.3 });
    await t.db.updateTable("walks").set({ status: "protokoll" }).where("id", "=", walk.id).execute();
    const late = await put(id, { category: "klotter", lat: 56.4, lon: 14.3 });
    assert.equal(late.statusCode, 200);
    const fresh = await put(randomUUID(), { category: "klotter", lat: 56.4, lon: 14.3 });
    assert.equal(fresh.statusCode, 409);
    assert.equal(json(fresh).error.code, "wrong_status");
    await t.db.updateTable("walks").set({ status: "inbjudan" }).where("id", "=", walk.id).execute();
  });

  it("answers 404 to another tenant's staff for this walk", async () => {
    const other = await makeTenant(t.db);
    const stranger = await sessionCookie(t.db, (await makeUser(t.db, other.id, "samordnare")).id);
    const res = await put(randomUUID(), { category: "klotter", lat: 56.4, lon: 14.3 }, stranger);
    assert.equal(res.statusCode, 404);
    const mixed = await t.app.inject({
      method: "PUT",
      url: `/api/t/${other.slug}/walks/${walk.id}/observations/${randomUUID()}`,
      cookies: stranger,
      payload: JSON.stringify({ category: "klotter" }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(mixed.statusCode, 404);
  });
});
