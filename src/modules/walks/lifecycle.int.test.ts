// A walk from plan to re-walk through the pages and the API, as a coordinator, residents, the
// police and the owners do it: plan (bad input re-shown with messages), publish the invitation,
// sign-ups up to the cap, förmöte viewpoints (screened, one turned into a stop), capture, hold
// (participants counted, the walk logged on its promise), the action list with suggested owners,
// the protocol refused until drafts and owners are settled, published and mailed to the owners,
// owners updating their actions (closing needs feedback; another organisation's action is not
// theirs), the public page and PDF showing the list as it is now, the closing meeting, the re-walk
// from the open actions with before/after, and the observations as lägesbild incidents.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeOrganisation, makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { readPdf } from "../../platform/testing/pdf.ts";
import { saveSettings } from "../../platform/tenancy/settings.ts";
import { makePromiseDocument, postForm } from "../promises/testing.ts";
import { walkIncidents, walksIncidentSource } from "./index.ts";
import { SETTINGS_KEY, WalkSettings } from "./schema.ts";

type Res = { statusCode: number; body: string; headers: Record<string, unknown> };
const json = (r: Res) => JSON.parse(r.body);
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("a walk from plan to re-walk", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let police: Record<string, string>;
  let streets: { id: string };
  let housing: { id: string };
  let streetsOwner: Record<string, string>;
  let housingOwner: Record<string, string>;
  let promiseId: string;
  let walkId = "";
  const staff = () => `/t/${tenant.slug}/arbete/vandringar`;

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000" } });
    tenant = await makeTenant(t.db);
    streets = await makeOrganisation(t.db, tenant.id, "Gatuenheten");
    housing = await makeOrganisation(t.db, tenant.id, "Bostadsbolaget AB");
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    police = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis")).id);
    streetsOwner = await sessionCookie(
      t.db,
      (await makeUser(t.db, tenant.id, "atgardsagare", { organisationId: streets.id, email: `gata-${randomUUID()}@test.example` })).id,
    );
    housingOwner = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "atgardsagare", { organisationId: housing.id })).id);
    const year = new Date().getUTCFullYear();
    const made = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: { valid_from: `${year - 1}-01-01`, valid_to: `${year + 1}-12-31` },
      promise: {
        text: "tillsammans arrangera minst en medborgarvandring",
        owner: "polisen",
        target_quantity: 1,
        target_unit: "medborgarvandring",
        target_period: "validity",
      },
    });
    promiseId = made.promise.id;
    await saveSettings(t.db, tenant.id, SETTINGS_KEY, WalkSettings, { ownerByCategory: { belysning: streets.id }, defaultOwner: null });
  });
  after(async () => t?.close());

  it("re-shows the plan with the person's input and what to fix", async () => {
    const res = await postForm(
      t.app,
      `${staff()}/ny`,
      staff(),
      {
        kind: "medborgarvandring",
        title: "Vå",
        date: "",
        start_time: "18:00",
        end_time: "20:00",
        "stops.0.name": "Torget",
        "stops.0.lat": "56,398",
        "stops.0.lon": "fel",
      },
      coordinator,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Skriv en rubrik på minst 3 tecken/);
    assert.match(res.body, /Ange ett datum som ÅÅÅÅ-MM-DD|obligatoriskt/);
    assert.match(res.body, /id="f-stops\.0\.lon-error"/, "the message sits on the stop row's longitude");
    assert.match(res.body, /<a href="#f-stops\.0\.lon">Stopp 1, Longitud: /, "the error summary names and links the field");
    assert.match(res.body, /value="Torget"/);
    assert.equal((await t.db.selectFrom("walks").select("id").where("tenant_id", "=", tenant.id).execute()).length, 0);
  });

  it("refuses a stop row the form cannot have sent, without reading it", async () => {
    const res = await postForm(
      t.app,
      `${staff()}/ny`,
      staff(),
      {
        kind: "medborgarvandring",
        title: "Vandring",
        date: inDays(3),
        start_time: "18:00",
        end_time: "19:00",
        "stops.100000.name": "Långt bort",
        "stops.100000.lat": "56,4",
        "stops.100000.lon": "14,3",
      },
      coordinator,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Formuläret innehåller rader som inte finns under ”Rutt” \(högst 30 rader\)/);
    assert.equal((await t.db.selectFrom("walks").select("id").where("tenant_id", "=", tenant.id).execute()).length, 0);
  });

  it("plans a walk with stops, darkness from the sun, invited organisations and the promise", async () => {
    const res = await postForm(
      t.app,
      `${staff()}/ny`,
      staff(),
      {
        kind: "medborgarvandring",
        title: "Medborgarvandring i Lönsboda centrum",
        date: inDays(10),
        start_time: "21:30",
        end_time: "23:00",
        meeting_point: "Torget",
        purpose: "Trygghetsmätningen pekar ut centrum.",
        organisers: "Kommunen\nPolisen",
        invited_organisation_ids: [streets.id, housing.id],
        decision_makers: "Kommunstyrelsens ordförande",
        accessibility_note: "Asfalt hela vägen.",
        signup_cap: "3",
        captures_feelings: "on",
        promise_id: promiseId,
        "stops.0.name": "Torget",
        "stops.0.lat": "56,398",
        "stops.0.lon": "14,319",
        "stops.1.name": "",
        "stops.2.name": "Parkeringen",
        "stops.2.lat": "56.3992",
        "stops.2.lon": "14.3211",
      },
      coordinator,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    walkId = String(res.headers.location).split("/").pop()!;
    const w = await t.db.selectFrom("walks").selectAll().where("id", "=", walkId).executeTakeFirstOrThrow();
    assert.equal(w.lat, 56.398, "the first stop's position, as no other was given");
    assert.equal(w.signup_cap, 3);
    assert.equal(w.promise_id, promiseId);
    const stops = await t.db.selectFrom("walk_stops").select(["name", "position"]).where("walk_id", "=", walkId).orderBy("position").execute();
    assert.deepEqual(stops, [
      { name: "Torget", position: 1 },
      { name: "Parkeringen", position: 2 },
    ]);
    const page = await t.app.inject({ method: "GET", url: `${staff()}/${walkId}`, cookies: coordinator });
    assert.match(page.body, /Det är mörkt under hela vandringen/);
    // Not public while it is a draft.
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walkId}` })).statusCode, 404);
  });

  it("publishes the invitation; residents sign up (name optional) until it is full", async () => {
    const pub = await postForm(t.app, `${staff()}/${walkId}`, `${staff()}/${walkId}/publicera`, { version: "1" }, coordinator);
    assert.equal(pub.statusCode, 303, pub.body.slice(0, 500));
    const url = `/t/${tenant.slug}/vandringar/${walkId}`;
    const page = await t.app.inject({ method: "GET", url });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /0 av 3 platser är tagna/);
    assert.match(page.body, /Bostadsbolaget AB, Gatuenheten/);
    const first = await postForm(t.app, url, `${url}/anmalan`, { name: "", party_size: "2", needs: "" }, {});
    assert.equal(first.statusCode, 303);
    const tooMany = await postForm(t.app, url, `${url}/anmalan`, { name: "Åsa", party_size: "2", needs: "" }, {});
    assert.equal(tooMany.statusCode, 409);
    assert.match(tooMany.body, /1 av 3 platser är kvar/);
    assert.match(tooMany.body, /value="Åsa"/, "the input is kept");
    const api = await t.app.inject({ method: "POST", url: `/api/t/${tenant.slug}/walks/${walkId}/signups`, payload: { name: "Åsa" } });
    assert.equal(api.statusCode, 201, api.body);
    assert.deepEqual(json(api), { count: 3, cap: 3 });
    const full = await t.app.inject({ method: "GET", url });
    assert.match(full.body, /Vandringen är fullbokad \(3 platser\)/);
    const refused = await t.app.inject({ method: "POST", url: `/api/t/${tenant.slug}/walks/${walkId}/signups`, payload: {} });
    assert.equal(refused.statusCode, 409);
    assert.equal(json(refused).error.code, "walk_full");
    assert.equal((await t.db.selectFrom("walk_signups").select("id").where("walk_id", "=", walkId).execute()).length, 2);
    // A phone number in the needs text is refused.
    await t.db.updateTable("walks").set({ signup_cap: 10 }).where("id", "=", walkId).execute();
    const phone = await t.app.inject({ method: "POST", url: `/api/t/${tenant.slug}/walks/${walkId}/signups`, payload: { needs: "ring 070-123 45 67" } });
    assert.equal(phone.statusCode, 422);
  });

  it("takes förmöte viewpoints (screened) and turns one into a stop of the route", async () => {
    const url = `/t/${tenant.slug}/vandringar/${walkId}`;
    const named = await postForm(
      t.app,
      url,
      `${url}/synpunkter`,
      { lat: "56,3975", lon: "14,3172", category: "belysning", body: "Anna Svensson säger att det är mörkt vid tunneln." },
      {},
    );
    assert.equal(named.statusCode, 422);
    assert.match(named.body, /”Anna Svensson”/);
    assert.match(named.body, /name="confirmed_not_names" value="Anna Svensson"/);
    const ok = await postForm(
      t.app,
      url,
      `${url}/synpunkter`,
      { lat: "56,3975", lon: "14,3172", category: "belysning", body: "Mörkt i gångtunneln under vägen." },
      {},
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
    const vp = await t.db.selectFrom("walk_viewpoints").select("id").where("walk_id", "=", walkId).executeTakeFirstOrThrow();
    const stop = await postForm(t.app, `${staff()}/${walkId}`, `${staff()}/${walkId}/synpunkter/${vp.id}/stopp`, {}, coordinator);
    assert.equal(stop.statusCode, 303);
    const stops = await t.db.selectFrom("walk_stops").select(["name", "position"]).where("walk_id", "=", walkId).orderBy("position").execute();
    assert.equal(stops.length, 3);
    assert.equal(stops[2]!.name, "Mörkt i gångtunneln under vägen.");
    const page = await t.app.inject({ method: "GET", url: `${staff()}/${walkId}`, cookies: coordinator });
    assert.match(page.body, /Stopp 3/);
  });

  it("holds the walk with participants counted by group and logs it on the promise", async () => {
    const put = (body: unknown) =>
      t.app.inject({
        method: "PUT",
        url: `/api/t/${tenant.slug}/walks/${walkId}/observations/${randomUUID()}`,
        cookies: police,
        payload: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    assert.equal(
      (await put({ category: "belysning", lat: 56.3992, lon: 14.3211, description: "Lamporna lyser inte.", proposed_measure: "Laga belysningen." })).statusCode,
      201,
    );
    assert.equal((await put({ category: "trasigt", lat: 56.3985, lon: 14.3195, description: "Porten går inte i lås." })).statusCode, 201);
    assert.equal((await put({ description: "Något vi ska titta på igen" })).statusCode, 201);
    // The evening of the walk has come and gone (the promise takes no activity dated in the future).
    const yesterday = new Date(`${inDays(-1)}T17:00:00Z`);
    await t.db
      .updateTable("walks")
      .set({ starts_at: yesterday, ends_at: new Date(yesterday.getTime() + 2 * 3_600_000) })
      .where("id", "=", walkId)
      .execute();
    const w = await t.db.selectFrom("walks").select("version").where("id", "=", walkId).executeTakeFirstOrThrow();
    const bad = await postForm(
      t.app,
      `${staff()}/${walkId}`,
      `${staff()}/${walkId}/genomford`,
      { version: String(w.version), boende: "-1", kommun: "2", polis: "1", fastighetsagare: "1", foreningar: "0", ovriga: "0" },
      coordinator,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Värdet måste vara minst 0/);
    const held = await postForm(
      t.app,
      `${staff()}/${walkId}`,
      `${staff()}/${walkId}/genomford`,
      { version: String(w.version), boende: "9", kommun: "2", polis: "1", fastighetsagare: "1", foreningar: "2", ovriga: "0" },
      coordinator,
    );
    assert.equal(held.statusCode, 303, held.body.slice(0, 600));
    const flash = await t.app.inject({
      method: "GET",
      url: String(held.headers.location),
      cookies: { ...coordinator, ...Object.fromEntries(held.cookies.map((c) => [c.name, c.value])) },
    });
    assert.match(flash.body, /Vandringen är markerad som genomförd\. Den är loggad som aktivitet på löftet\./);
    const after = await t.db.selectFrom("walks").selectAll().where("id", "=", walkId).executeTakeFirstOrThrow();
    assert.equal(after.status, "genomford");
    assert.equal(after.participants_boende, 9);
    assert.ok(after.promise_activity_id, "logged on the promise");
    const activity = await t.db.selectFrom("promise_activities").selectAll().where("id", "=", after.promise_activity_id!).executeTakeFirstOrThrow();
    assert.equal(activity.promise_id, promiseId);
    assert.deepEqual(activity.outcomes, [{ label: "deltagare", value: 15 }]);
  });

  it("makes the action list with suggested owners and refuses the protocol until drafts and owners are settled", async () => {
    const gen = await postForm(t.app, `${staff()}/${walkId}`, `${staff()}/${walkId}/atgarder`, {}, coordinator);
    assert.equal(gen.statusCode, 303, gen.body.slice(0, 500));
    const actions = await t.db.selectFrom("walk_actions").selectAll().where("walk_id", "=", walkId).orderBy("number").execute();
    assert.equal(actions.length, 2, "one per completed observation; the draft waits");
    const light = actions.find((a) => a.title === "Laga belysningen.")!;
    assert.equal(light.organisation_id, streets.id);
    assert.equal(light.owner_reason, "category");
    const gate = actions.find((a) => a.title === "Porten går inte i lås.")!;
    assert.equal(gate.organisation_id, null);
    const w = await t.db.selectFrom("walks").select("version").where("id", "=", walkId).executeTakeFirstOrThrow();
    const drafts = await postForm(
      t.app,
      `${staff()}/${walkId}`,
      `${staff()}/${walkId}/protokoll`,
      { version: String(w.version), protocol_summary: "Sammanfattning" },
      coordinator,
    );
    assert.equal(drafts.statusCode, 409);
    assert.match(drafts.body, /1 observationer är utkast/);
    assert.match(drafts.body, /Sammanfattning<\/textarea>/, "the summary is kept");
    // The draft needs no action; the gate goes to the housing company.
    const draft = await t.db.selectFrom("walk_observations").select("id").where("walk_id", "=", walkId).where("draft", "=", true).executeTakeFirstOrThrow();
    assert.equal(
      (
        await postForm(
          t.app,
          `${staff()}/${walkId}/observationer/${draft.id}`,
          `${staff()}/${walkId}/observationer/${draft.id}/protokoll`,
          { no_action: "on" },
          coordinator,
        )
      ).statusCode,
      303,
    );
    const owners = await postForm(
      t.app,
      `${staff()}/${walkId}`,
      `${staff()}/${walkId}/protokoll`,
      { version: String(w.version), protocol_summary: "Sammanfattning" },
      coordinator,
    );
    assert.equal(owners.statusCode, 409);
    assert.match(owners.body, new RegExp(`Åtgärd ${gate.number} saknar ägare`));
    const edit = await postForm(
      t.app,
      `${staff()}/atgarder/${gate.id}`,
      `${staff()}/atgarder/${gate.id}`,
      { title: "Laga porten och låset.", place_text: "Port 3", organisation_id: housing.id, due_on: inDays(30), version: String(gate.version) },
      coordinator,
    );
    assert.equal(edit.statusCode, 303, edit.body.slice(0, 500));
  });

  it("publishes the protocol and sends each owner their part of the action list", async () => {
    const w = await t.db.selectFrom("walks").select("version").where("id", "=", walkId).executeTakeFirstOrThrow();
    const res = await postForm(
      t.app,
      `${staff()}/${walkId}`,
      `${staff()}/${walkId}/protokoll`,
      { version: String(w.version), protocol_summary: "Femton personer gick rutten i mörker." },
      coordinator,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 600));
    const mails = await t.db.selectFrom("outbox").selectAll().where("tenant_id", "=", tenant.id).execute();
    const toStreets = mails.filter((m) => m.to_address.startsWith("gata-"));
    assert.equal(toStreets.length, 1);
    assert.match(toStreets[0]!.body_text, /1\. Laga belysningen\./);
    assert.ok(!toStreets[0]!.body_text.includes("Laga porten"), "each owner gets their own actions");
    assert.equal(mails.length, 2);
    const sent = await t.db.selectFrom("walk_actions").select("sent_at").where("walk_id", "=", walkId).execute();
    assert.ok(sent.every((a) => a.sent_at !== null));
  });

  it("lets owners update their own actions, and never close one without a feedback text", async () => {
    const light = await t.db
      .selectFrom("walk_actions")
      .selectAll()
      .where("walk_id", "=", walkId)
      .where("organisation_id", "=", streets.id)
      .executeTakeFirstOrThrow();
    const mine = await t.app.inject({ method: "GET", url: `/api/t/${tenant.slug}/walk-actions`, cookies: streetsOwner });
    assert.deepEqual(
      json(mine).actions.map((a: { id: string }) => a.id),
      [light.id],
    );
    const status = (cookies: Record<string, string>, body: unknown) =>
      t.app.inject({
        method: "POST",
        url: `/api/t/${tenant.slug}/walk-actions/${light.id}/status`,
        cookies,
        payload: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    const closed = await status(streetsOwner, { status: "atgardad", public_feedback: "", version: light.version });
    assert.equal(closed.statusCode, 400);
    assert.equal(json(closed).error.code, "feedback_required");
    assert.match(json(closed).error.fields[0].message, /återkoppling/);
    assert.equal((await status(housingOwner, { status: "planerad", public_feedback: "", version: light.version })).statusCode, 403);
    const planned = await status(streetsOwner, { status: "planerad", due_on: inDays(20), public_feedback: "Beställt nya armaturer.", version: light.version });
    assert.equal(planned.statusCode, 200, planned.body);
    const stale = await status(streetsOwner, { status: "atgardad", public_feedback: "Klart.", version: light.version });
    assert.equal(stale.statusCode, 409, "a stale version changes nothing");
    // The form says the same in Swedish, with the input kept.
    const form = await postForm(
      t.app,
      `${staff()}/atgarder/${light.id}`,
      `${staff()}/atgarder/${light.id}/status`,
      { status: "avslagen", public_feedback: "", due_on: "", version: String(light.version + 1) },
      streetsOwner,
    );
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /Skriv en återkoppling till invånarna/);
    const done = await status(streetsOwner, { status: "atgardad", public_feedback: "Nya LED-armaturer är uppsatta.", version: light.version + 1 });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(json(done).status, "atgardad");
    const changes = await t.db
      .selectFrom("walk_action_changes")
      .select(["status", "public_feedback"])
      .where("action_id", "=", light.id)
      .orderBy("id")
      .execute();
    assert.deepEqual(
      changes.map((c) => c.status),
      ["ny", "planerad", "atgardad"],
    );
  });

  it("shows the public the action list as it is now, with the date of each change, on the page and in the PDF", async () => {
    const res = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walkId}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Åtgärdslistan: 1 av 2 åtgärdade/);
    assert.match(res.body, /Nya LED-armaturer är uppsatta\./);
    assert.match(res.body, new RegExp(`<time datetime="${today}">`));
    assert.match(res.body, /15 deltagare/);
    const pdf = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walkId}.pdf` });
    assert.equal(pdf.statusCode, 200);
    const read = await readPdf(pdf.rawPayload);
    const text = read.pages.map((p) => p.tagged).join("\n");
    assert.match(text, /Nya LED-armaturer är uppsatta\./);
    assert.match(text, /Status: Åtgärdad/);
    assert.equal(read.pages[0]!.untagged.trim(), "", "all text is in the structure tree");
    const en = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walkId}.pdf?lang=en` });
    const enRead = await readPdf(en.rawPayload);
    assert.ok(enRead.find("H2", "Action list"));
    assert.ok(
      enRead.elements.some((e) => e.lang === "sv-SE" && e.text.includes("Nya LED-armaturer")),
      "Swedish content tagged sv-SE in the English PDF",
    );
  });

  it("never serves the public a stale protocol: an owner's update is on the next page and PDF", async () => {
    const url = `/t/${tenant.slug}/vandringar/${walkId}`;
    const first = await t.app.inject({ method: "GET", url });
    const again = await t.app.inject({ method: "GET", url, headers: { "if-none-match": String(first.headers.etag) } });
    assert.equal(again.statusCode, 304, "stored and revalidated while nothing changed");
    await t.app.inject({ method: "GET", url: `${url}.pdf` });
    const gate = await t.db
      .selectFrom("walk_actions")
      .selectAll()
      .where("walk_id", "=", walkId)
      .where("organisation_id", "=", housing.id)
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: "POST",
      url: `/api/t/${tenant.slug}/walk-actions/${gate.id}/status`,
      cookies: housingOwner,
      payload: JSON.stringify({ status: "planerad", due_on: gate.due_on, public_feedback: "Nytt lås är beställt.", version: gate.version }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.statusCode, 200, res.body);
    const after = await t.app.inject({ method: "GET", url, headers: { "if-none-match": String(first.headers.etag) } });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Nytt lås är beställt\./);
    const pdf = await readPdf((await t.app.inject({ method: "GET", url: `${url}.pdf` })).rawPayload);
    assert.match(pdf.pages.map((p) => p.tagged).join("\n"), /Nytt lås är beställt\./);
    // A change made straight in the database is just as visible (the triggers bump the version).
    await t.db.updateTable("walks").set({ protocol_summary: "Rättad sammanfattning." }).where("id", "=", walkId).execute();
    assert.match((await t.app.inject({ method: "GET", url })).body, /Rättad sammanfattning\./);
  });

  it("mails a new owner the action when the coordinator changes its owner after publishing", async () => {
    const gate = await t.db
      .selectFrom("walk_actions")
      .selectAll()
      .where("walk_id", "=", walkId)
      .where("organisation_id", "=", housing.id)
      .executeTakeFirstOrThrow();
    const before = (await t.db.selectFrom("outbox").select("id").where("tenant_id", "=", tenant.id).execute()).length;
    const moved = await postForm(
      t.app,
      `${staff()}/atgarder/${gate.id}`,
      `${staff()}/atgarder/${gate.id}`,
      { title: gate.title, place_text: gate.place_text, organisation_id: streets.id, due_on: gate.due_on ?? "", version: String(gate.version) },
      coordinator,
    );
    assert.equal(moved.statusCode, 303, moved.body.slice(0, 500));
    const mails = await t.db.selectFrom("outbox").selectAll().where("tenant_id", "=", tenant.id).orderBy("created_at").execute();
    assert.equal(mails.length, before + 1);
    assert.ok(mails.at(-1)!.to_address.startsWith("gata-"));
    assert.match(mails.at(-1)!.body_text, /Laga porten och låset\./);
    // And back to the housing company, which keeps the rest of this story.
    const current = await t.db.selectFrom("walk_actions").select("version").where("id", "=", gate.id).executeTakeFirstOrThrow();
    await postForm(
      t.app,
      `${staff()}/atgarder/${gate.id}`,
      `${staff()}/atgarder/${gate.id}`,
      { title: gate.title, place_text: gate.place_text, organisation_id: housing.id, due_on: gate.due_on ?? "", version: String(current.version) },
      coordinator,
    );
  });

  it("records the closing meeting with the owners' stated plans", async () => {
    const w = await t.db.selectFrom("walks").select("version").where("id", "=", walkId).executeTakeFirstOrThrow();
    const gate = await t.db
      .selectFrom("walk_actions")
      .select("id")
      .where("walk_id", "=", walkId)
      .where("organisation_id", "=", housing.id)
      .executeTakeFirstOrThrow();
    const res = await postForm(
      t.app,
      `${staff()}/${walkId}/avslutande-mote`,
      `${staff()}/${walkId}/avslutande-mote`,
      {
        version: String(w.version),
        closing_meeting_on: today,
        closing_meeting_notes: "Ägarna redovisade sina planer.",
        [`plan.${gate.id}`]: "Låset byts i januari.",
      },
      coordinator,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${walkId}` });
    assert.match(page.body, /Avslutande möte/);
    assert.match(page.body, /Låset byts i januari\./);
  });

  it("schedules a re-walk from the open actions' stops and shows before and after", async () => {
    const res = await postForm(
      t.app,
      `${staff()}/${walkId}`,
      `${staff()}/${walkId}/atervandring`,
      { date: inDays(12), start_time: "21:00", end_time: "22:00" },
      coordinator,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const rewalkId = String(res.headers.location).split("/").pop()!;
    const rewalk = await t.db.selectFrom("walks").selectAll().where("id", "=", rewalkId).executeTakeFirstOrThrow();
    assert.equal(rewalk.rewalk_of_id, walkId);
    assert.equal(rewalk.status, "utkast");
    const stops = await t.db.selectFrom("walk_stops").select("name").where("walk_id", "=", rewalkId).execute();
    assert.deepEqual(
      stops.map((s) => s.name),
      ["Torget"],
      "only the stop of the open action (the gate, made 60 m from Torget)",
    );
    await t.db.updateTable("walks").set({ status: "inbjudan" }).where("id", "=", rewalkId).execute();
    const capture = await t.app.inject({ method: "GET", url: `${staff()}/${rewalkId}/falt`, cookies: coordinator });
    assert.match(capture.body, /Uppföljning av förra vandringen/);
    const gate = await t.db
      .selectFrom("walk_actions")
      .select("id")
      .where("walk_id", "=", walkId)
      .where("organisation_id", "=", housing.id)
      .executeTakeFirstOrThrow();
    const follow = await t.app.inject({
      method: "PUT",
      url: `/api/t/${tenant.slug}/walks/${rewalkId}/observations/${randomUUID()}`,
      cookies: coordinator,
      payload: JSON.stringify({
        follows_action_id: gate.id,
        resolved: false,
        category: "trasigt",
        lat: 56.3985,
        lon: 14.3195,
        description: "Låset är fortfarande trasigt.",
      }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(follow.statusCode, 201, follow.body);
    const wrong = await t.app.inject({
      method: "PUT",
      url: `/api/t/${tenant.slug}/walks/${walkId}/observations/${randomUUID()}`,
      cookies: coordinator,
      payload: JSON.stringify({ follows_action_id: gate.id, category: "trasigt", lat: 56.3985, lon: 14.3195 }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(wrong.statusCode, 409, "the first walk takes no observations any more");
    await t.db.updateTable("walks").set({ status: "protokoll" }).where("id", "=", rewalkId).execute();
    const page = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/vandringar/${rewalkId}` });
    assert.match(page.body, /Återvandring: före och efter/);
    assert.match(page.body, /Kvarstår\. Låset är fortfarande trasigt\./);
  });

  it("gives the observations to the lägesbild as incidents (no drafts, no follow-ups)", async () => {
    const incidents = await walkIncidents(t.db, tenant.id, inDays(-1), inDays(30), { tenantSlug: tenant.slug });
    const categories = incidents.map((i) => i.category).sort();
    assert.deepEqual(categories, ["belysning", "trasigt"]);
    assert.ok(incidents.every((i) => i.source === "walks" && i.personRelated === false && i.href?.includes(walkId)));
    assert.deepEqual(await walkIncidents(t.db, tenant.id, inDays(40), inDays(50)), []);
    // The same rows as SQL for a lägesbild that unions several sources.
    const from = Math.floor(Date.now() / 86_400_000) - 2;
    const rows = (await walksIncidentSource.rows(tenant.id, { from, to: from + 40 }).execute(t.db)).rows;
    assert.deepEqual(rows.map((r) => r.category).sort(), ["belysning", "trasigt"]);
    assert.ok(rows.every((r) => typeof r.n === "number" && typeof r.e === "number" && r.n > 6_000_000));
  });
});
