// The whole cycle through the HTML forms, as people use it: a coordinator goes from an empty
// tenant to a signed, published medborgarlöfte; the police log activities (one from a phone
// with a photo); progress is measured month by month; the coordinator follows up; residents read
// it all, download the PDFs and the open data.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeOrganisation, makeTenant, makeUser, NASTY } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { PNG_1X1, postForm, postMultipart } from "./testing.ts";

describe("promises: from an empty tenant to a published, followed-up promise", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string; name: string };
  let coordinator: Record<string, string>;
  let police: Record<string, string>;
  let base: string;
  let docId: string;
  let trafficId: string;
  let walkId: string;

  before(async () => {
    t = await createTestApp();
    // pg's Pool.end() resolves before its connections have closed, so the harness's
    // DROP DATABASE … WITH (FORCE) can terminate one, and the pool re-emits that as an 'error'
    // event without a listener (an uncaught exception). Harmless at teardown; ignore it here.
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    const polisOrg = await makeOrganisation(t.db, tenant.id, "Polisen LPO");
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    police = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis", { organisationId: polisOrg.id })).id);
    base = `/t/${tenant.slug}/arbete/medborgarloften`;
  });
  after(async () => t?.close());

  it("shows residents that there is no promise yet", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /har inte publicerat något medborgarlöfte/);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte.pdf` })).statusCode, 404);
  });

  it("lets the coordinator create a draft with lägesbild, parties and signatories", async () => {
    const form = await t.app.inject({ method: "GET", url: `${base}/nytt`, cookies: coordinator });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Nytt medborgarlöfte/);
    const res = await postForm(
      t.app,
      `${base}/nytt`,
      base,
      {
        title: `Medborgarlöfte ${NASTY}`,
        valid_from: "2021-05-19",
        valid_to: "2021-12-31",
        introduction: "Vi lovar.\n\nOch vi följer upp.",
        focus_areas: "trafikbrott\notrygga miljöer",
        party_kommunen: "Testkommun",
        party_polisen: "Polisen",
        other_parties: "",
        "findings.0.text": "Bilar kör för fort i Lönsboda.",
        "findings.0.source": "trygghetsmatning",
        "findings.0.ref_url": "/t/osby/trygghetsmatning",
        "findings.1.text": "",
        "findings.1.source": "est",
        "findings.1.ref_url": "",
        "signatories.0.name": "Niklas Larsson (C)",
        "signatories.0.title": "kommunstyrelsens ordförande",
        "signatories.0.organisation": "Testkommun",
        "signatories.0.party": "kommunen",
        "signatories.0.signed_on": "2021-05-19",
        "signatories.1.name": "Veronica Gustafsson",
        "signatories.1.title": "kommunpolis",
        "signatories.1.organisation": "Polisen",
        "signatories.1.party": "polisen",
        "signatories.1.signed_on": "2021-05-19",
        signing_place: "Osby",
        signed_on: "2021-05-19",
        stated_promise_count: "",
      },
      coordinator,
    );
    assert.equal(res.statusCode, 303, res.body);
    const loc = String(res.headers.location);
    assert.match(loc, new RegExp(`^${base}/[0-9a-f-]{36}$`));
    docId = loc.split("/").pop()!;
    const page = await t.app.inject({ method: "GET", url: loc, cookies: coordinator });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Utkast/);
    assert.match(page.body, /Lägg till minst ett löfte/, "the page says what is missing before signing");
    assert.ok(!page.body.includes(NASTY), "escaped");
    const stored = await t.db.selectFrom("promise_documents").selectAll().where("id", "=", docId).executeTakeFirstOrThrow();
    assert.equal(stored.findings.length, 1, "empty rows are dropped");
    assert.deepEqual(stored.focus_areas, ["trafikbrott", "otrygga miljöer"]);
    assert.equal(stored.tenant_id, tenant.id);
  });

  it("adds promises with and without a measurable target", async () => {
    const add = (fields: Record<string, string | string[]>) => postForm(t.app, `${base}/${docId}/lofte/nytt`, `${base}/${docId}/lofte`, fields, coordinator);
    const r1 = await add({
      text: "utföra riktade insatser mot trafikbrott",
      owner: "polisen",
      target_quantity: "2",
      target_unit: "riktade trafikkontroller",
      target_period: "month",
      status: "pagar",
    });
    assert.equal(r1.statusCode, 303, r1.body);
    const r2 = await add({
      text: "tillsammans arrangera minst en medborgarvandring",
      owner: "tillsammans",
      target_quantity: "1",
      target_unit: "medborgarvandring",
      target_period: "validity",
    });
    assert.equal(r2.statusCode, 303, r2.body);
    const r3 = await add({ text: "åtgärda miljöer som upplevs som mörka och otrygga", owner: "kommunen" });
    assert.equal(r3.statusCode, 303, r3.body);
    const rows = await t.db.selectFrom("promises").selectAll().where("document_id", "=", docId).orderBy("position").execute();
    assert.equal(rows.length, 3);
    trafficId = rows[0]!.id;
    walkId = rows[1]!.id;
    assert.equal(rows[0]!.target_quantity, 2);
    assert.equal(rows[2]!.target_quantity, null);
  });

  it("signs (police may) and publishes (coordinator), recording who did what", async () => {
    const page = `${base}/${docId}`;
    const version = async () => (await t.db.selectFrom("promise_documents").select("version").where("id", "=", docId).executeTakeFirstOrThrow()).version;
    const sign = await postForm(t.app, page, `${page}/signera`, { version: String(await version()) }, police);
    assert.equal(sign.statusCode, 303, sign.body);
    const polisPublish = await postForm(t.app, page, `${page}/publicera`, { version: String(await version()) }, police);
    assert.equal(polisPublish.statusCode, 403, "the police co-sign but the coordinator publishes");
    const ask = await postForm(t.app, page, `${page}/publicera`, { version: String(await version()) }, coordinator);
    assert.equal(ask.statusCode, 200, "publishing is confirmed first");
    assert.match(ask.body, /Ja, publicera/);
    const publish = await postForm(t.app, page, `${page}/publicera`, { version: String(await version()), confirm: "ja" }, coordinator);
    assert.equal(publish.statusCode, 303, publish.body);
    const doc = await t.db.selectFrom("promise_documents").selectAll().where("id", "=", docId).executeTakeFirstOrThrow();
    assert.equal(doc.status, "publicerat");
    assert.ok(doc.published_at);
    const events = await t.db.selectFrom("promise_document_events").select(["action", "actor_id"]).where("document_id", "=", docId).orderBy("id").execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ["created", "promiseAdded", "promiseAdded", "promiseAdded", "signed", "published"],
    );
    assert.ok(events.every((e) => e.actor_id));
  });

  it("logs activities from the phone form, with a photo, and measures progress month by month", async () => {
    const pick = await t.app.inject({ method: "GET", url: `${base}/aktivitet`, cookies: police });
    assert.equal(pick.statusCode, 200);
    assert.match(pick.body, /utföra riktade insatser mot trafikbrott/);
    const formUrl = `${base}/aktivitet?lofte=${trafficId}`;
    const form = await t.app.inject({ method: "GET", url: formUrl, cookies: police });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    const dates = ["2021-05-27", "2021-06-08", "2021-06-22", "2021-07-14", "2021-08-05", "2021-08-24"];
    for (const d of dates) {
      const r = await postForm(
        t.app,
        formUrl,
        `${base}/aktivitet`,
        {
          promise_id: trafficId,
          title: `Trafikkontroll ${d}`,
          occurred_on: d,
          place_name: "Lönsboda",
          "outcomes.0.label": "kontrollerade fordon",
          "outcomes.0.value": "40",
        },
        police,
      );
      assert.equal(r.statusCode, 303, r.body);
    }
    const photo = await postMultipart(
      t.app,
      `${base}/aktivitet?lofte=${walkId}`,
      `${base}/aktivitet`,
      {
        promise_id: walkId,
        title: "Medborgarvandring i Lönsboda centrum",
        occurred_on: "2021-11-10",
        place_name: "Lönsboda centrum",
        lat: "56,398",
        lon: "14,319",
      },
      [{ field: "attachments", filename: "vandring.png", contentType: "image/png", data: PNG_1X1 }],
      police,
    );
    assert.equal(photo.statusCode, 303, photo.body);
    const acts = await t.db.selectFrom("promise_activities").selectAll().where("tenant_id", "=", tenant.id).execute();
    assert.equal(acts.length, 7);
    const walk = acts.find((a) => a.promise_id === walkId)!;
    assert.equal(walk.lat, 56.398);
    const files = await t.db
      .selectFrom("promise_activity_files")
      .innerJoin("files", "files.id", "promise_activity_files.file_id")
      .selectAll()
      .where("activity_id", "=", walk.id)
      .execute();
    assert.equal(files.length, 1);
    assert.equal(files[0]!.content_type, "image/png");
    // Staff can download it; residents cannot reach it at all.
    const dl = await t.app.inject({ method: "GET", url: `${base}/bilagor/${files[0]!.file_id}`, cookies: coordinator });
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, PNG_1X1);
    const anon = await t.app.inject({ method: "GET", url: `${base}/bilagor/${files[0]!.file_id}` });
    assert.equal(anon.statusCode, 303);

    const api = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promise-documents/${docId}` });
    assert.equal(api.statusCode, 200);
    const traffic = api.json().promises.find((p: { id: string }) => p.id === trafficId);
    assert.equal(traffic.progress.kind, "target");
    assert.deepEqual(
      traffic.progress.periods.map((p: { key: string; target: number; achieved: number; state: string }) => [p.key, p.target, p.achieved, p.state]),
      [
        ["2021-05", 1, 1, "met"],
        ["2021-06", 2, 2, "met"],
        ["2021-07", 2, 1, "missed"],
        ["2021-08", 2, 2, "met"],
        ["2021-09", 2, 0, "missed"],
        ["2021-10", 2, 0, "missed"],
        ["2021-11", 2, 0, "missed"],
        ["2021-12", 2, 0, "missed"],
      ],
    );
    assert.equal(traffic.progress.suggested_verdict, "delvis");
    assert.equal(traffic.number, 1, "Polisen lovar att comes first");
    assert.deepEqual(api.json().events, [], "residents do not see the history");
    assert.equal(traffic.activities[0].attachments.length, 0);
  });

  it("shows residents the current promise with live progress and earlier ones, in Swedish and English", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Polisen lovar att/);
    assert.match(res.body, /Kommunen lovar att/);
    assert.match(res.body, /Polisen och kommunen lovar att/);
    assert.match(res.body, /minst 2 riktade trafikkontroller per månad/);
    assert.match(res.body, /3 av 8 månader uppfyllda/);
    assert.match(res.body, /1 av 1 medborgarvandring</);
    assert.match(res.body, /Medborgarvandring i Lönsboda centrum/);
    assert.match(res.body, /id="promise-map"/);
    assert.match(res.body, /<caption>Aktiviteter med plats<\/caption>/, "the map has a table twin");
    assert.ok(!res.body.includes("vandring.png"), "attachments are never public");
    assert.ok(!res.body.includes(NASTY));
    assert.match(res.body, /&lt;script&gt;/);
    const en = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte?lang=en` });
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /The police promise to/);
    assert.match(en.body, /What we have done/);
    const byId = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${docId}` });
    assert.equal(byId.statusCode, 200);
  });

  it("serves the document as a tagged PDF at a stable address", async () => {
    for (const url of [`/t/${tenant.slug}/medborgarlofte.pdf`, `/t/${tenant.slug}/medborgarlofte/${docId}.pdf`]) {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers["content-type"], "application/pdf");
      const text = res.rawPayload.toString("latin1");
      assert.ok(text.startsWith("%PDF-"));
      assert.match(text, /\/StructTreeRoot/);
      assert.match(text, /\/Lang \(sv-SE\)/);
      assert.match(text, /\/T \(Polisen lovar att\)/);
    }
  });

  it("follows up: suggestions from the measurements, confirmed or overridden with a reason", async () => {
    const url = `${base}/${docId}/uppfoljning`;
    const form = await t.app.inject({ method: "GET", url, cookies: coordinator });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Förslag utifrån utfallet/);
    const promises = await t.db.selectFrom("promises").select(["id", "version"]).where("document_id", "=", docId).execute();
    const doc = await t.db.selectFrom("promise_documents").select("version").where("id", "=", docId).executeTakeFirstOrThrow();
    const fields: Record<string, string> = { version: String(doc.version), followup_summary: "Ett bra år." };
    for (const p of promises) fields[`version.${p.id}`] = String(p.version);
    fields[`verdict.${trafficId}`] = "uppfyllt"; // overrides the suggestion "delvis"
    fields[`reason.${trafficId}`] = "";
    const missingReason = await postForm(t.app, url, url, fields, coordinator);
    assert.equal(missingReason.statusCode, 400);
    assert.match(missingReason.body, /Skriv en motivering/);
    assert.match(missingReason.body, /value="uppfyllt" selected/, "the choice is kept");
    for (const p of promises) {
      fields[`verdict.${p.id}`] = p.id === trafficId ? "uppfyllt" : p.id === walkId ? "uppfyllt" : "delvis";
      fields[`reason.${p.id}`] = p.id === trafficId ? "Kontrollerna flyttades till augusti efter semestern." : "Enligt plan.";
    }
    // Overriding the measurement (and judging promises without activities) needs a confirmation per promise.
    const unconfirmed = await postForm(t.app, url, url, fields, coordinator);
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Du har valt ”Uppfyllt”, men det uppmätta utfallet/);
    const asked = [...unconfirmed.body.matchAll(/name="(confirm\.[0-9a-f-]{36})"/g)].map((m) => m[1]!);
    assert.ok(asked.includes(`confirm.${trafficId}`));
    assert.ok(!asked.includes(`confirm.${walkId}`), "the walk's verdict agrees with the measurement");
    for (const name of asked) fields[name] = "ja";
    const saved = await postForm(t.app, url, url, fields, coordinator);
    assert.equal(saved.statusCode, 303, saved.body);
    const traffic = await t.db.selectFrom("promises").selectAll().where("id", "=", trafficId).executeTakeFirstOrThrow();
    assert.equal(traffic.verdict, "uppfyllt");
    assert.equal(traffic.verdict_suggested, "delvis", "the override stays visible");
    const version = (await t.db.selectFrom("promise_documents").select("version").where("id", "=", docId).executeTakeFirstOrThrow()).version;
    const done = await postForm(t.app, `${base}/${docId}`, `${base}/${docId}/uppfoljd`, { version: String(version), confirm: "ja" }, coordinator);
    assert.equal(done.statusCode, 303, done.body);

    const report = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${docId}/uppfoljning` });
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Uppföljningen är klar/);
    assert.match(report.body, /Kontrollerna flyttades till augusti/);
    assert.match(report.body, /Ett bra år/);
    const pdf = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${docId}/uppfoljning.pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.match(pdf.rawPayload.toString("latin1"), /\/StructTreeRoot/);
    const json = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promise-documents/${docId}/follow-up-report` });
    assert.equal(json.json().final, true);
    assert.equal(json.json().promises[0].verdict, "uppfyllt");
    assert.equal(json.json().promises[0].verdict_suggested, "delvis");
  });

  it("exports published promises and follow-ups as open data (JSON and CSV)", async () => {
    const json = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promises/open-data.json` });
    assert.equal(json.statusCode, 200);
    const data = json.json();
    assert.equal(data.documents.length, 1);
    assert.equal(data.current_id, null, "its period (2021) has ended");
    assert.equal(data.latest_id, docId);
    assert.equal(data.documents[0].promises[0].verdict, "uppfyllt");
    assert.equal(data.documents[0].promises[0].achieved_total, 6);
    assert.equal(data.documents[0].promises[2].activities[0].lat, 56.398, "promise 3: Polisen och kommunen lovar att");
    const csv = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promises/open-data.csv` });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /^text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^document_id,document_title,document_status,valid_from,valid_to,number,owner,promise/);
    assert.match(lines[1]!, /utföra riktade insatser mot trafikbrott,trafikbrott|utföra riktade insatser mot trafikbrott,,2,riktade trafikkontroller,month/);
    assert.match(csv.body, /"Medborgarlöfte <script>alert\(""x""\)<\/script> Åsa & Örjan i Lönsboda"/, "quotes are doubled inside quoted cells");
  });

  it("copies last period's document as the next period's draft", async () => {
    const res = await postForm(
      t.app,
      `${base}/nytt`,
      `${base}/kopiera`,
      { source_id: docId, title: "Medborgarlöfte 2022", valid_from: "2022-01-01", valid_to: "2022-12-31" },
      coordinator,
    );
    assert.equal(res.statusCode, 303, res.body);
    const copyId = String(res.headers.location).split("/").pop()!;
    const copy = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/promise-documents/${copyId}`, cookies: coordinator });
    const body = copy.json();
    assert.equal(body.status, "utkast");
    assert.equal(body.copied_from_id, docId);
    assert.deepEqual(body.signatories, [], "signatures are not copied");
    assert.equal(body.findings.length, 1);
    assert.equal(body.promises.length, 3);
    const traffic = body.promises.find((p: { text: string }) => p.text.startsWith("utföra"));
    assert.equal(traffic.target.text, "minst 2 riktade trafikkontroller per månad");
    assert.equal(traffic.activities.length, 0, "a new period starts from zero");
    const original = await t.db.selectFrom("promises").select("lineage_id").where("id", "=", trafficId).executeTakeFirstOrThrow();
    assert.notEqual(traffic.lineage_id, original.lineage_id, "its own lineage: activities of 2021 do not count for 2022");
    const bad = await postForm(
      t.app,
      `${base}/nytt`,
      `${base}/kopiera`,
      { source_id: docId, title: "x", valid_from: "2022-01-01", valid_to: "2021-01-01" },
      coordinator,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Slutdatumet måste vara samma dag som eller efter startdatumet/);
  });

  it("shows the coordinator's dashboard and the staff start page widget", async () => {
    const dash = await t.app.inject({ method: "GET", url: base, cookies: coordinator });
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Alla medborgarlöften, nyast först/);
    const start = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/arbete`, cookies: coordinator });
    assert.equal(start.statusCode, 200);
  });
});
