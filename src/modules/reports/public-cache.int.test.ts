// The reports' public answers on the platform's public-answer cache (decisions 0015 and 0024):
// the map layer, the Atom feed, the statistics page and Open311's GET answers are rendered once
// per change of the tenant's public data and then served from memory with an ETag — yet never
// older than the data: every kind of change (a report, its status, a public update, a photo
// hidden, a report hidden, a category made person-related, a renamed place) shows at the next
// request, however it was made (the version is bumped by triggers, so plain SQL counts too). A
// request with an API key is never answered from, or stored in, memory; a signed-in person's
// answer is never stored.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { saveSettings } from "../../platform/tenancy/settings.ts";
import { insertUpdate } from "./repo/updates.ts";
import { issueApiKey } from "./service/keys.ts";
import { DEFAULT_CATEGORIES, ReportsSettings, SETTINGS_KEY } from "./settings.ts";
import { INSIDE, makeReport } from "./testing.ts";

type Tenant = { id: string; slug: string };
type Request311 = { service_request_id: string; status: string; media_url: string | null; address: string; notes?: Array<{ description: string }> };
type Feature = { properties: { href?: string; count?: number } };

describe("reports: public answers from the public-answer cache", () => {
  let t: TestApp;
  let tenant: Tenant;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
  });
  after(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const open311 = async (query = "") => {
    const r = await get(`/t/${tenant.slug}/open311/v2/requests.json${query}`);
    assert.equal(r.statusCode, 200, r.body);
    return { res: r, list: JSON.parse(r.body) as Request311[] };
  };
  const map = async () => {
    const r = await get(`/t/${tenant.slug}/rapporter/karta.json`);
    assert.equal(r.statusCode, 200, r.body);
    return (JSON.parse(r.body) as { features: Feature[] }).features;
  };
  const stats = () => t.app.publicCache.stats();

  it("answers a repeated request from memory, with an ETag and 304 while nothing changed", async () => {
    const r = await makeReport(t.db, tenant.id);
    const first = await open311("?extensions=true");
    assert.ok(first.list.some((x) => x.service_request_id === r.ref));
    const before = stats();
    const second = await open311("?extensions=true");
    assert.equal(stats().hits, before.hits + 1, "the second identical request is a hit");
    assert.equal(second.res.body, first.res.body);
    const etag = second.res.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(second.res.headers["cache-control"], "no-cache");
    const again = await get(`/t/${tenant.slug}/open311/v2/requests.json?extensions=true`, { "if-none-match": etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, "");
    // Another format is another answer.
    const xml = await get(`/t/${tenant.slug}/open311/v2/requests.xml?extensions=true`);
    assert.match(xml.body, /^<\?xml/);
    assert.notEqual(xml.headers.etag, etag);
    // The other public reads are kept too.
    for (const url of [
      `/t/${tenant.slug}/open311/v2/services.json`,
      `/t/${tenant.slug}/open311/v2/discovery.xml`,
      `/t/${tenant.slug}/open311/v2/requests/${r.ref}.json`,
      `/t/${tenant.slug}/rapporter/karta.json`,
      `/t/${tenant.slug}/rapporter/flode.atom`,
      `/t/${tenant.slug}/rapporter/statistik`,
    ]) {
      const a = await get(url);
      assert.equal(a.statusCode, 200, `${url}: ${a.body.slice(0, 200)}`);
      const hits = stats().hits;
      const b = await get(url);
      assert.equal(stats().hits, hits + 1, `${url} from memory`);
      assert.equal(b.body, a.body);
      assert.ok(b.headers.etag, url);
    }
  });

  it("shows a new report, a status change, an update, a hidden photo and a hidden report at the very next request", async () => {
    const r = await makeReport(t.db, tenant.id, { category: "klotter" });
    const file = await t.db
      .insertInto("files")
      .values({
        tenant_id: tenant.id,
        storage_key: `${tenant.id}/reports/c.jpg`,
        filename: "c.jpg",
        content_type: "image/jpeg",
        size_bytes: 1,
        sha256: "0".repeat(64),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("report_photos")
      .values({ tenant_id: tenant.id, report_id: r.id, file_id: file.id, thumb_file_id: file.id, width: 10, height: 10 })
      .execute();
    const find = async () => (await open311("?extensions=true")).list.find((x) => x.service_request_id === r.ref);
    assert.ok((await find())?.media_url, "the new report and its photo are there at once");
    assert.ok(
      (await map()).some((f) => f.properties.href?.endsWith(r.ref)),
      "and on the map",
    );

    const etag = (await open311("?extensions=true")).res.headers.etag as string;
    await t.db.updateTable("reports").set({ status: "atgardad", closed_at: new Date() }).where("id", "=", r.id).execute();
    assert.equal((await find())!.status, "closed");
    const changed = await get(`/t/${tenant.slug}/open311/v2/requests.json?extensions=true`, { "if-none-match": etag });
    assert.equal(changed.statusCode, 200, "an old ETag no longer matches");

    await insertUpdate(t.db, tenant.id, r.id, {
      kind: "public",
      audience: "public",
      text: "Klottret är sanerat.",
      status_from: null,
      status_to: null,
      organisation_id: null,
      author_id: null,
      author_label: "Gatukontoret",
    });
    assert.ok(
      (await find())!.notes!.some((n) => n.description === "Klottret är sanerat."),
      "an update alone (reports untouched) shows",
    );
    const feed = await get(`/t/${tenant.slug}/rapporter/flode.atom`);
    assert.match(feed.body, /Klottret är sanerat\./, "and in the feed");

    await t.db.updateTable("report_photos").set({ hidden_at: new Date(), hidden_reason: "Ett ansikte syns." }).where("report_id", "=", r.id).execute();
    assert.equal((await find())!.media_url, null, "a hidden photo is gone at once");

    await t.db.updateTable("reports").set({ visibility: "hidden", hidden_reason: "Personuppgifter" }).where("id", "=", r.id).execute();
    assert.equal(await find(), undefined, "a hidden report is gone at once");
    assert.ok(!(await map()).some((f) => f.properties.href?.endsWith(r.ref)));
    assert.doesNotMatch((await get(`/t/${tenant.slug}/rapporter/flode.atom`)).body, new RegExp(r.ref));
  });

  it("follows the tenant's settings and places at once: a category made person-related leaves Open311 and the map; a renamed place is named anew", async () => {
    const r = await makeReport(t.db, tenant.id, { category: "nedskrapning" });
    assert.ok((await open311()).list.some((x) => x.service_request_id === r.ref));
    assert.ok((await map()).some((f) => f.properties.href?.endsWith(r.ref)));
    await saveSettings(t.db, tenant.id, SETTINGS_KEY, ReportsSettings, {
      categories: DEFAULT_CATEGORIES.map((c) => (c.code === "nedskrapning" ? { ...c, kind: "person" as const } : c)),
    });
    assert.ok(!(await open311()).list.some((x) => x.service_request_id === r.ref), "the kept answer is not served after the change");
    assert.ok(!(await map()).some((f) => f.properties.href?.endsWith(r.ref)));
    await saveSettings(t.db, tenant.id, SETTINGS_KEY, ReportsSettings, { categories: DEFAULT_CATEGORIES });

    const place = await t.db
      .insertInto("places")
      .values({ tenant_id: tenant.id, name: "Stationsparken", kind: "park", lat: INSIDE.lat, lon: INSIDE.lon })
      .returning("id")
      .executeTakeFirstOrThrow();
    const address = async () => (await open311()).list.find((x) => x.service_request_id === r.ref)?.address ?? "";
    assert.match(await address(), /Stationsparken/);
    await t.db.updateTable("places").set({ name: "Järnvägsparken" }).where("id", "=", place.id).execute();
    assert.match(await address(), /Järnvägsparken/, "the new name at the next request, not after a minute");
  });

  it("never serves a key's answer to the public nor the public answer to a key, and never stores a signed-in person's answer", async () => {
    const issued = await issueApiKey(t.db, tenant.id, { name: "Kommunens app", organisationId: null, createdBy: null });
    assert.ok(issued.kind === "ok");
    const keyRow = await t.db
      .selectFrom("report_api_keys")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .where("name", "=", "Kommunens app")
      .executeTakeFirstOrThrow();
    const pending = await makeReport(t.db, tenant.id, { category: "annat", visibility: "pending", source: "open311", api_key_id: keyRow.id });
    const anonymous = await open311();
    assert.ok(!anonymous.list.some((x) => x.service_request_id === pending.ref));
    const keyed = `/t/${tenant.slug}/open311/v2/requests.json?api_key=${encodeURIComponent(issued.key)}`;
    for (let i = 0; i < 2; i++) {
      const before = stats();
      const withKey = await get(keyed);
      assert.equal(withKey.statusCode, 200);
      assert.equal(withKey.headers["cache-control"], "no-store");
      assert.equal(withKey.headers.etag, undefined);
      assert.ok(
        (JSON.parse(withKey.body) as Request311[]).some((x) => x.service_request_id === pending.ref),
        "the key sees its own report under review",
      );
      assert.equal(stats().stored, before.stored, "nothing of it is stored");
      assert.equal(stats().hits, before.hits, "nor answered from memory");
    }
    assert.ok(!(await open311()).list.some((x) => x.service_request_id === pending.ref), "and the public still does not");
    await t.db.updateTable("report_api_keys").set({ revoked_at: new Date() }).where("id", "=", keyRow.id).execute();
    assert.equal((await get(keyed)).statusCode, 403, "a revoked key is refused at once");

    const staff = await makeUser(t.db, tenant.id, "samordnare");
    const cookies = await sessionCookie(t.db, staff.id);
    const before = stats();
    const signedIn = await t.app.inject({ url: `/t/${tenant.slug}/rapporter/karta.json`, cookies });
    assert.equal(signedIn.statusCode, 200);
    assert.match(String(signedIn.headers["cache-control"]), /no-store/);
    assert.equal(stats().stored, before.stored);
  });
});
