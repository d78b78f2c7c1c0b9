// Open311 GeoReport v2 as a client uses it, in XML and JSON: discovery, services and a service
// definition with attributes, POST with an API key and attributes, read back (with the update
// history), tokens of reviewed services, the spec's filters and their limits with the widely used
// extensions, jurisdiction_id, and every error in the spec's own format and status codes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeTenant } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { issueApiKey, revokeKey } from "./service/keys.ts";
import { INSIDE, makeReport } from "./testing.ts";

type Tenant = { id: string; slug: string; kommunkod: string };

describe("reports: Open311 GeoReport v2", () => {
  let t: TestApp;
  let tenant: Tenant;
  let key: string;
  let otherKey: string;
  let v2: string;

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.db);
    v2 = `/t/${tenant.slug}/open311/v2`;
    const a = await issueApiKey(t.db, tenant.id, { name: "Polisens system", organisationId: null, createdBy: null });
    const b = await issueApiKey(t.db, tenant.id, { name: "Annan app", organisationId: null, createdBy: null });
    assert.ok(a.kind === "ok" && b.kind === "ok");
    key = a.key;
    otherKey = b.key;
  });
  after(async () => t?.close());

  const get = (path: string) => t.app.inject({ url: `${v2}/${path}` });
  const post = (format: "json" | "xml", fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({
      method: "POST",
      url: `${v2}/requests.${format}`,
      payload: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    });
  };
  const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
  const valid = { service_code: "belysning", lat: String(INSIDE.lat), long: String(INSIDE.lon), description: "Lampan vid gångtunneln är trasig." };

  it("serves discovery in both formats", async () => {
    const j = await get("discovery.json");
    assert.equal(j.statusCode, 200);
    assert.equal(j.headers["content-type"], "application/json; charset=utf-8");
    const d = json<{
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: Array<{ specification: string; url: string; type: string; formats: string[] }>;
    }>(j);
    assert.equal(d.endpoints[0]!.specification, "http://wiki.open311.org/GeoReport_v2");
    assert.match(d.endpoints[0]!.url, new RegExp(`/t/${tenant.slug}/open311/v2$`));
    assert.deepEqual(d.endpoints[0]!.formats, ["text/xml", "application/json"]);
    assert.equal(d.endpoints[0]!.type, "test");
    assert.ok(d.changeset && d.contact && d.key_service);
    const x = await get("discovery.xml");
    assert.equal(x.headers["content-type"], "text/xml; charset=utf-8");
    assert.match(x.body, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<discovery>\n {2}<changeset>/);
    assert.match(x.body, /<endpoints>\n {4}<endpoint>[\s\S]*<formats>\n {8}<format>text\/xml<\/format>\n {8}<format>application\/json<\/format>/);
  });

  it("lists services and a service definition with its attributes, in both formats", async () => {
    const list = json<
      Array<{ service_code: string; service_name: string; metadata: boolean; type: string; group: string; keywords: string; description: string }>
    >(await get("services.json"));
    const codes = list.map((s) => s.service_code);
    assert.ok(codes.includes("belysning") && codes.includes("narkotika"));
    assert.equal(list.find((s) => s.service_code === "belysning")!.type, "realtime");
    assert.equal(list.find((s) => s.service_code === "annat")!.type, "batch", "a reviewed category answers with a token");
    assert.ok(list.every((s) => s.metadata === true && typeof s.service_name === "string" && "group" in s && "keywords" in s && "description" in s));
    const xml = (await get("services.xml")).body;
    assert.match(xml, /<services>\n {2}<service>\n {4}<service_code>belysning<\/service_code>\n {4}<service_name>Mörk plats \/ belysning<\/service_name>/);
    const def = json<{
      service_code: string;
      attributes: Array<{ code: string; datatype: string; required: boolean; variable: boolean; order: number; values: Array<{ key: string; name: string }> }>;
    }>(await get("services/belysning.json"));
    assert.equal(def.service_code, "belysning");
    assert.deepEqual(
      def.attributes.map((a) => [a.code, a.datatype, a.required, a.variable, a.order]),
      [
        ["otrygg", "singlevaluelist", false, true, 1],
        ["tider", "multivaluelist", false, true, 2],
      ],
    );
    assert.deepEqual(
      def.attributes[1]!.values.map((v) => v.key),
      ["dag", "kvall", "natt", "helg"],
    );
    const defXml = (await get("services/belysning.xml")).body;
    assert.match(
      defXml,
      /<service_definition>\n {2}<service_code>belysning<\/service_code>\n {2}<attributes>\n {4}<attribute>\n {6}<variable>true<\/variable>\n {6}<code>otrygg<\/code>/,
    );
    assert.match(defXml, /<values>\n {8}<value>\n {10}<key>ja<\/key>/);
    const english = json<Array<{ service_code: string; service_name: string }>>(await t.app.inject({ url: `${v2}/services.json?lang=en` }));
    assert.equal(english.find((s) => s.service_code === "belysning")!.service_name, "Dark place / lighting");
  });

  it("answers an unknown service code, tenant or jurisdiction with the spec's error format and codes", async () => {
    const x = await get("services/finns-inte.xml");
    assert.equal(x.statusCode, 404);
    assert.equal(x.headers["content-type"], "text/xml; charset=utf-8");
    assert.equal(
      x.body,
      `<?xml version="1.0" encoding="utf-8"?>\n<errors>\n  <error>\n    <code>404</code>\n    <description>service_code finns-inte finns inte.</description>\n  </error>\n</errors>\n`,
    );
    const j = await get("services/finns-inte.json");
    assert.deepEqual(json(j), [{ code: 404, description: "service_code finns-inte finns inte." }]);
    const noTenant = await t.app.inject({ url: "/t/finns-inte/open311/v2/services.xml" });
    assert.equal(noTenant.statusCode, 404);
    assert.match(
      noTenant.body,
      /<errors>\n {2}<error>\n {4}<code>404<\/code>\n {4}<description>Det finns ingen kommun med adressen "finns-inte" i Trygg\.<\/description>/,
    );
    // jurisdiction_id: the tenant's slug or its kommunkod; anything else does not exist here.
    assert.equal((await get(`services.json?jurisdiction_id=${tenant.slug}`)).statusCode, 200);
    assert.equal((await get(`services.json?jurisdiction_id=${tenant.kommunkod}`)).statusCode, 200);
    const other = await get("services.json?jurisdiction_id=sfgov.org");
    assert.equal(other.statusCode, 404);
    assert.match(json<Array<{ description: string }>>(other)[0]!.description, /jurisdiction_id sfgov\.org finns inte här/);
    const otherPost = await post("xml", { ...valid, api_key: key, jurisdiction_id: "9999" });
    assert.equal(otherPost.statusCode, 404);
    assert.match(otherPost.body, /<code>404<\/code>/);
  });

  it("refuses a POST without a valid key with 403, in the requested format", async () => {
    const missing = await post("xml", valid);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /<code>403<\/code>\n {4}<description>api_key saknas/);
    const wrong = await post("json", { ...valid, api_key: "trygg_fel" });
    assert.equal(wrong.statusCode, 403);
    assert.deepEqual(json(wrong), [{ code: 403, description: "Ogiltig api_key." }]);
    const r = await issueApiKey(t.db, tenant.id, { name: "Återkallas", organisationId: null, createdBy: null });
    assert.ok(r.kind === "ok");
    await revokeKey(t.db, tenant.id, r.row.id, null);
    const revoked = await post("json", { ...valid, api_key: r.key });
    assert.equal(revoked.statusCode, 403);
    assert.deepEqual(json(revoked), [{ code: 403, description: "api_key är återkallad." }]);
  });

  it("answers each bad POST with a specific 400 or 404, and stores nothing", async () => {
    const count = async () => (await t.db.selectFrom("reports").select("id").where("tenant_id", "=", tenant.id).execute()).length;
    const before = await count();
    const cases: Array<[Record<string, string | string[]>, number, RegExp]> = [
      [{ ...valid, service_code: "" }, 400, /service_code saknas/],
      [{ ...valid, service_code: "finns-inte" }, 404, /service_code finns-inte finns inte/],
      [{ service_code: "belysning", description: "x x x x x" }, 400, /Platsen saknas/],
      [{ ...valid, lat: "norr", long: "14" }, 400, /lat och long måste båda skickas som decimaltal/],
      [{ ...valid, lat: "56.1589", long: "13.7664" }, 400, /Platsen ligger i Hässleholms kommun/],
      [{ ...valid, lat: "55.6761", long: "12.5683" }, 400, /utanför Sverige/],
      [{ ...valid, description: "" }, 400, /description: Beskriv vad som är fel/],
      [{ ...valid, description: "ä".repeat(4001) }, 400, /högst 4[\s\u00a0]?000 tecken/],
      [{ ...valid, "attribute[otrygg]": "kanske" }, 400, /attribute\[otrygg\] har ett ogiltigt värde: kanske/],
      [{ ...valid, "attribute[tider][]": ["natt", "gryning"] }, 400, /attribute\[tider\] har ett ogiltigt värde: gryning/],
      [{ ...valid, "attribute[farg]": "röd" }, 400, /attribute\[farg\] finns inte/],
      [{ ...valid, description: "Ring 070-123 45 67" }, 400, /personuppgifter.*telefonnummer i description \(tecken 6–18\)/],
      [{ ...valid, media_url: "javascript:alert(1)" }, 400, /media_url måste vara en http\(s\)-adress/],
      [
        { ...valid, lat: undefined as unknown as string, long: undefined as unknown as string, address_string: "någonstans vid havet" },
        400,
        /address_string nämner ingen plats/,
      ],
    ];
    for (const [fields, status, message] of cases) {
      const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
      const res = await post("json", { ...clean, api_key: key });
      assert.equal(res.statusCode, status, `${JSON.stringify(clean).slice(0, 80)}: ${res.body}`);
      const errors = json<Array<{ code: number | string; description: string }>>(res);
      assert.ok(Array.isArray(errors) && errors.length >= 1);
      assert.match(errors.map((e) => e.description).join(" | "), message);
    }
    const personal = json<Array<{ code: string }>>(await post("json", { ...valid, api_key: key, description: "Personnummer 19811218-9876" }));
    assert.equal(personal[0]!.code, "personal_data");
    // A JSON body that is not the form's shape: still the spec's error format.
    const nested = await t.app.inject({
      method: "POST",
      url: `${v2}/requests.xml`,
      payload: JSON.stringify({ attribute: { otrygg: 1 } }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(nested.statusCode, 400);
    assert.match(nested.body, /^<\?xml[\s\S]*<errors>/);
    assert.equal(await count(), before);
  });

  it("creates a request with attributes and reads it back in XML and JSON, with the update history", async () => {
    const res = await post("json", {
      ...valid,
      api_key: key,
      jurisdiction_id: tenant.slug,
      "attribute[otrygg]": "ja",
      "attribute[tider][]": ["kvall", "natt"],
      email: "anmalare@exempel.se",
      first_name: "Kim",
      last_name: "Andersson",
      phone: "0701234567",
      media_url: "https://bilder.example/lampa.jpg",
    });
    assert.equal(res.statusCode, 200, res.body);
    const [created] = json<Array<{ service_request_id: string; service_notice: string; account_id: null }>>(res);
    assert.match(created!.service_request_id, /^[0-9A-Z]{8}$/);
    assert.match(created!.service_notice, /första svar inom 5 dagar/);
    assert.equal(created!.account_id, null);
    assert.ok(!("token" in created!), "a realtime service returns no token");
    const id = created!.service_request_id;
    const row = await t.db.selectFrom("reports").selectAll().where("tenant_id", "=", tenant.id).where("ref", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.source, "open311");
    assert.equal(row.feels_unsafe, true);
    assert.deepEqual(row.unsafe_times, ["kvall", "natt"]);
    assert.equal(row.reporter_name, "Kim Andersson");
    assert.equal(row.external_media_url, "https://bilder.example/lampa.jpg");
    assert.ok(!JSON.stringify(row).includes("0701234567"), "the phone number is not stored");

    const one = json<Array<Record<string, unknown>>>(await get(`requests/${id}.json?extensions=true`));
    assert.equal(one.length, 1);
    const r = one[0]!;
    assert.equal(r.service_request_id, id);
    assert.equal(r.status, "open");
    assert.equal(r.service_code, "belysning");
    assert.equal(r.description, valid.description);
    assert.equal(r.lat, INSIDE.lat);
    assert.equal(r.long, INSIDE.lon);
    assert.match(String(r.requested_datetime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(r.media_url, null, "an outside media_url is never republished");
    for (const f of [
      "status_notes",
      "service_name",
      "agency_responsible",
      "service_notice",
      "updated_datetime",
      "expected_datetime",
      "address",
      "address_id",
      "zipcode",
    ])
      assert.ok(f in r, f);
    assert.deepEqual(
      (r.attributes as Array<{ code: string; value: string }>).map((a) => [a.code, a.value]),
      [
        ["otrygg", "ja"],
        ["tider", "kvall,natt"],
      ],
    );
    assert.deepEqual(
      (r.notes as Array<{ type: string }>).map((n) => n.type),
      ["submitted"],
    );
    assert.ok(!JSON.stringify(r).includes("anmalare@exempel.se") && !JSON.stringify(r).includes("Kim"), "nothing of the reporter");
    const xml = (await get(`requests/${id}.xml?extensions=true`)).body;
    assert.match(xml, new RegExp(`<service_requests>\\n {2}<request>\\n {4}<service_request_id>${id}</service_request_id>\\n {4}<status>open</status>`));
    assert.match(xml, /<notes>\n {6}<note>\n {8}<datetime>/);
    assert.match(xml, /<zipcode\/>/);
    // A staff update shows in the history (status_notes, notes) — read by the same client.
    await t.db
      .insertInto("report_updates")
      .values({ tenant_id: tenant.id, report_id: row.id, kind: "public", audience: "public", text: "Lampan byts på tisdag.", author_label: "Gatukontoret" })
      .execute();
    const again = json<Array<{ status_notes: string; notes: Array<{ description: string; type: string }> }>>(
      await get(`requests/${id}.json?extensions=true`),
    )[0]!;
    assert.equal(again.status_notes, "Lampan byts på tisdag.");
    assert.equal(again.notes.at(-1)!.type, "update");
    // Without extensions, exactly the spec's fields.
    const plain = json<Array<Record<string, unknown>>>(await get(`requests/${id}.json`))[0]!;
    assert.ok(!("notes" in plain) && !("attributes" in plain));
    assert.equal((await get("requests/ZZZZZZZZ.json")).statusCode, 404);
  });

  it("answers a reviewed service with a token that gives the request id once staff have published it", async () => {
    const res = await post("xml", { ...valid, service_code: "annat", description: "Konstig bod bakom stationen.", api_key: key });
    assert.equal(res.statusCode, 200, res.body);
    const token = /<token>([0-9A-Z]{12})<\/token>/.exec(res.body)?.[1];
    assert.ok(token);
    assert.doesNotMatch(res.body, /<service_request_id>/, "no id while a token is returned");
    const waiting = json<Array<Record<string, unknown>>>(await get(`tokens/${token}.json`));
    assert.deepEqual(waiting, [{ token }]);
    await t.db.updateTable("reports").set({ visibility: "public" }).where("tenant_id", "=", tenant.id).where("open311_token", "=", token!).execute();
    const ready = json<Array<{ service_request_id: string; token: string }>>(await get(`tokens/${token}.json`))[0]!;
    assert.match(ready.service_request_id, /^[0-9A-Z]{8}$/);
    assert.equal(ready.token, token);
    const x = (await get(`tokens/${token}.xml`)).body;
    assert.match(x, /<service_requests>\n {2}<request>\n {4}<service_request_id>[0-9A-Z]{8}<\/service_request_id>\n {4}<token>/);
    assert.equal((await get("tokens/ABCDEFGHJKMN.json")).statusCode, 404);
  });

  it("lists requests with the spec's default window, filters and limits, and the bbox, radius and updated extensions", async () => {
    const day = 86_400_000;
    const now = Date.now();
    const old = await makeReport(t.db, tenant.id, { description: "Gammal", created_at: new Date(now - 120 * day) });
    const mid = await makeReport(t.db, tenant.id, { description: "Mitten", category: "klotter", created_at: new Date(now - 40 * day) });
    const far = await makeReport(t.db, tenant.id, { description: "Lönsboda", lat: 56.398, lon: 14.319, created_at: new Date(now - 2 * day) });
    await t.db.updateTable("reports").set({ status: "atgardad", closed_at: new Date() }).where("tenant_id", "=", tenant.id).where("id", "=", mid.id).execute();
    const ids = (r: { body: string }) => json<Array<{ service_request_id: string }>>(r).map((x) => x.service_request_id);

    const all = ids(await get("requests.json"));
    assert.ok(all.includes(mid.ref) && all.includes(far.ref));
    assert.ok(!all.includes(old.ref), "the default window is the last 90 days");
    const w3 = (d: number) => new Date(d).toISOString().replace(/\.\d{3}Z$/, "Z");
    const window = ids(await get(`requests.json?start_date=${w3(now - 130 * day)}&end_date=${w3(now - 100 * day)}`));
    assert.deepEqual(window, [old.ref]);
    const span = await get(`requests.json?start_date=${w3(now - 130 * day)}&end_date=${w3(now)}`);
    assert.equal(span.statusCode, 400);
    assert.match(json<Array<{ description: string }>>(span)[0]!.description, /högst 90 dagar isär/);
    const badDate = await get("requests.xml?start_date=igår");
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /start_date måste vara en w3-tid/);
    assert.deepEqual(ids(await get("requests.json?status=closed")), [mid.ref]);
    assert.ok(!ids(await get("requests.json?status=open")).includes(mid.ref));
    assert.equal((await get("requests.json?status=halvöppen")).statusCode, 400);
    assert.deepEqual(ids(await get("requests.json?service_code=klotter")), [mid.ref]);
    assert.equal((await get("requests.json?service_code=finns-inte")).statusCode, 400);
    // service_request_id overrides every other argument (even the window).
    assert.deepEqual(ids(await get(`requests.json?service_request_id=${old.ref},${far.ref}&status=closed`)).sort(), [old.ref, far.ref].sort());
    // Extensions: a bounding box (west,south,east,north), a radius, updated_after/before.
    assert.deepEqual(ids(await get("requests.json?bbox=14.2,56.35,14.4,56.45")), [far.ref]);
    assert.equal((await get("requests.json?bbox=14.4,56.35,14.2,56.45")).statusCode, 400);
    const near = ids(await get(`requests.json?lat=${INSIDE.lat}&long=${INSIDE.lon}&radius=2000`));
    assert.ok(near.includes(mid.ref) && !near.includes(far.ref));
    assert.equal((await get(`requests.json?lat=${INSIDE.lat}&long=${INSIDE.lon}&radius=50000`)).statusCode, 400);
    // Every argument is optional: an empty one is absent, not a bad value.
    const blank = await get("requests.json?lat=&long=&radius=&bbox=&page=&page_size=&status=&service_code=&start_date=");
    assert.equal(blank.statusCode, 200);
    assert.deepEqual(ids(blank).sort(), all.sort());
    await t.db
      .updateTable("reports")
      .set({ updated_at: new Date(now - 60 * day) })
      .where("tenant_id", "=", tenant.id)
      .where("id", "=", mid.id)
      .execute();
    const after = ids(await get(`requests.json?updated_after=${w3(now - 30 * day)}`));
    assert.ok(!after.includes(mid.ref) && after.includes(far.ref));
    assert.deepEqual(ids(await get(`requests.json?updated_before=${w3(now - 30 * day)}`)), [mid.ref]);
    // Paging (page, page_size ≤ 1000).
    const first = ids(await get("requests.json?page_size=1"));
    const second = ids(await get("requests.json?page_size=1&page=2"));
    assert.equal(first.length, 1);
    assert.notDeepEqual(first, second);
    assert.equal((await get("requests.json?page_size=5000")).statusCode, 400);
  });

  it("keeps person-related requests out of every list and lookup, except for the key that sent them", async () => {
    const res = await post("json", { ...valid, service_code: "narkotika", description: "Misstänkt langning vid busskuren varje kväll.", api_key: key });
    assert.equal(res.statusCode, 200);
    const id = json<Array<{ service_request_id: string }>>(res)[0]!.service_request_id;
    assert.ok(!(await get("requests.json")).body.includes(id));
    assert.ok(!(await get("requests.json?service_code=narkotika")).body.includes(id));
    assert.ok(!(await get(`requests.json?service_request_id=${id}`)).body.includes(id));
    assert.ok(!(await get("requests.xml")).body.includes("langning"));
    assert.equal((await get(`requests/${id}.json`)).statusCode, 404);
    assert.equal((await get(`requests/${id}.json?api_key=${encodeURIComponent(otherKey)}`)).statusCode, 404, "another key sees nothing");
    const own = await get(`requests/${id}.json?api_key=${encodeURIComponent(key)}`);
    assert.equal(own.statusCode, 200, "the key that sent it can follow it");
    assert.ok((await get(`requests.json?api_key=${encodeURIComponent(key)}`)).body.includes(id));
  });
});

describe("reports: Open311 under a flood", () => {
  let t: TestApp;
  let slug: string;
  let key: string;
  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1" } });
    const tenant = await makeTenant(t.db);
    slug = tenant.slug;
    const r = await issueApiKey(t.db, tenant.id, { name: "x", organisationId: null, createdBy: null });
    assert.ok(r.kind === "ok");
    key = r.key;
  });
  after(async () => t?.close());

  it("answers 429 in the spec's error format", async () => {
    let last = { statusCode: 0, body: "" };
    for (let i = 0; i < 11; i++) {
      last = await t.app.inject({
        method: "POST",
        url: `/t/${slug}/open311/v2/requests.xml`,
        payload: new URLSearchParams({
          api_key: key,
          service_code: "belysning",
          lat: String(INSIDE.lat),
          long: String(INSIDE.lon),
          description: `Flod ${i}`,
        }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    }
    assert.equal(last.statusCode, 429);
    assert.match(
      last.body,
      /<errors>\n {2}<error>\n {4}<code>429<\/code>\n {4}<description>För många förfrågningar från samma adress; vänta en minut\.<\/description>/,
    );
  });
});
