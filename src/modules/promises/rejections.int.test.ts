// Bad input and refused steps: each rejection says what to fix, in Swedish (and English on the
// API), loses nothing already saved, and changes nothing. Concurrent edits answer 409 with the
// person's input kept. Roles get exactly what policy.ts allows; another tenant gets 404.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeOrganisation, makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { documentContent, makePromiseDocument, postForm, postMultipart } from "./testing.ts";

describe("promises: rejections, locking, roles and tenants", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let other: { id: string; slug: string };
  let cookies: Record<string, Record<string, string>>;
  let base: string;
  let api: string;
  let orgs: { kommun: string; polis: string };

  const json = (method: "POST" | "PUT" | "DELETE", url: string, who: Record<string, string>, body?: unknown) =>
    t.app.inject({ method, url, cookies: who, headers: { "content-type": "application/json" }, payload: JSON.stringify(body ?? {}) });

  before(async () => {
    t = await createTestApp();
    // pg's Pool.end() resolves before its connections have closed, so the harness's
    // DROP DATABASE … WITH (FORCE) can terminate one, and the pool re-emits that as an 'error'
    // event without a listener (an uncaught exception). Harmless at teardown; ignore it here.
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    other = await makeTenant(t.db);
    const kommun = await makeOrganisation(t.db, tenant.id, "Samhällsbyggnad");
    const polis = await makeOrganisation(t.db, tenant.id, "Polisen LPO");
    orgs = { kommun: kommun.id, polis: polis.id };
    cookies = {};
    for (const role of ["samordnare", "polis", "lasare", "rapportor"] as const)
      cookies[role] = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, role)).id);
    cookies.atgardsagare = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "atgardsagare", { organisationId: kommun.id })).id);
    cookies.otherCoordinator = await sessionCookie(t.db, (await makeUser(t.db, other.id, "samordnare")).id);
    base = `/t/${tenant.slug}/arbete/medborgarloften`;
    api = `/api/t/${tenant.slug}`;
  });
  after(async () => t?.close());

  async function count(table: "promise_documents" | "promises" | "promise_activities") {
    const r = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it("needs quantity, unit and period for a target, and says which part is missing", async () => {
    const { doc } = await makePromiseDocument(t.db, tenant.id);
    const before = await count("promises");
    const res = await postForm(
      t.app,
      `${base}/${doc.id}/lofte/nytt`,
      `${base}/${doc.id}/lofte`,
      { text: "utföra trafikkontroller", owner: "polisen", target_quantity: "20", target_unit: "", target_period: "" },
      cookies.samordnare!,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /ange enhet/);
    assert.match(res.body, /välj period/);
    assert.match(res.body, /value="20"/, "what was typed is kept");
    assert.match(res.body, /aria-invalid="true"/);
    assert.equal(await count("promises"), before);
    const r2 = await json("POST", `${api}/promise-documents/${doc.id}/promises`, cookies.samordnare!, {
      text: "minst en vandring",
      owner: "tillsammans",
      target_unit: "medborgarvandring",
    });
    assert.equal(r2.statusCode, 400);
    const fields = r2
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort();
    assert.deepEqual(fields, ["target_period", "target_quantity"]);
    assert.match(r2.json().error.fields[0].message_en, /A target needs quantity, unit and period/);
    const owner = await json("POST", `${api}/promise-documents/${doc.id}/promises`, cookies.samordnare!, { text: "något", owner: "brandkaren" });
    assert.equal(owner.statusCode, 400);
    assert.equal(owner.json().error.fields[0].field, "owner");
  });

  it("keeps dates in order and inside the validity period", async () => {
    const before = await count("promise_documents");
    const res = await json("POST", `${api}/promise-documents`, cookies.samordnare!, { ...documentContent(), valid_from: "2022-01-01", valid_to: "2021-12-31" });
    assert.equal(res.statusCode, 400);
    assert.match(
      res.json().error.fields.find((f: { field: string }) => f.field === "valid_to").message,
      /Slutdatumet måste vara samma dag som eller efter startdatumet/,
    );
    const late = await json("POST", `${api}/promise-documents`, cookies.samordnare!, { ...documentContent(), signed_on: "2022-03-01" });
    assert.equal(late.statusCode, 400);
    assert.equal(late.json().error.fields[0].field, "signed_on");
    assert.equal(await count("promise_documents"), before);

    const { promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const outside = await json("POST", `${api}/promise-activities`, cookies.polis!, { promise_id: promise.id, title: "Kontroll", occurred_on: "2022-01-05" });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.json().error.message, /inom löftets giltighetsperiod, 2021-01-01 – 2021-12-31/);
    const form = await postForm(
      t.app,
      `${base}/aktivitet?lofte=${promise.id}`,
      `${base}/aktivitet`,
      { promise_id: promise.id, title: "Kontroll", occurred_on: "2020-12-31" },
      cookies.polis!,
    );
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /Datumet måste ligga inom löftets giltighetsperiod/);
    assert.match(form.body, /value="Kontroll"/);
    const ok = await json("POST", `${api}/promise-activities`, cookies.polis!, {
      promise_id: promise.id,
      title: "Kontroll",
      occurred_on: "2021-03-05",
      outcomes: [{ label: "fordon", value: 12 }],
    });
    assert.equal(ok.statusCode, 201);
  });

  it("refuses to sign or publish without a signatory for every party, saying which is missing", async () => {
    const created = await json("POST", `${api}/promise-documents`, cookies.samordnare!, {
      ...documentContent(),
      signatories: [{ name: "Kommunens företrädare", title: "KSO", organisation: "Kommunen", party: "kommunen", signed_on: null }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const doc = created.json();
    const added = await json("POST", `${api}/promise-documents/${doc.id}/promises`, cookies.samordnare!, { text: "jobba med sin synlighet", owner: "polisen" });
    assert.equal(added.statusCode, 201, added.body);
    const sign = await json("POST", `${api}/promise-documents/${doc.id}/sign`, cookies.samordnare!, { version: doc.version });
    assert.equal(sign.statusCode, 409);
    assert.equal(sign.json().error.code, "incomplete");
    assert.match(sign.json().error.fields[0].message, /Lägg till minst en undertecknare för: Polisen/);
    const publish = await json("POST", `${api}/promise-documents/${doc.id}/publish`, cookies.samordnare!, { version: doc.version });
    assert.equal(publish.statusCode, 409);
    assert.equal(publish.json().error.code, "wrong_status");

    // A signed document that somehow lacks a signatory (e.g. imported) is still not published.
    const { doc: signed } = await makePromiseDocument(t.db, tenant.id, { status: "signerat", content: { signatories: [] } });
    const r = await json("POST", `${api}/promise-documents/${signed.id}/publish`, cookies.samordnare!, { version: signed.version });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, "missing_signatures");
    assert.match(r.json().error.message, /utan minst en undertecknare per part\. Saknas för: Testkommun, Polisen/);
    const page = await postForm(t.app, `${base}/${signed.id}`, `${base}/${signed.id}/publicera`, { version: String(signed.version) }, cookies.samordnare!);
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /Saknas för: Testkommun, Polisen/);
    const after = await t.db.selectFrom("promise_documents").select("status").where("id", "=", signed.id).executeTakeFirstOrThrow();
    assert.equal(after.status, "signerat");
  });

  it("does not lose either of two concurrent edits silently (optimistic locking)", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id);
    const editUrl = `${base}/${doc.id}/redigera`;
    const formA = await t.app.inject({ method: "GET", url: editUrl, cookies: cookies.samordnare! });
    const formB = await t.app.inject({ method: "GET", url: editUrl, cookies: cookies.polis! });
    const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1];
    assert.equal(versionOf(formA.body), String(doc.version));
    assert.equal(versionOf(formB.body), String(doc.version));
    const fields = (title: string) => ({
      title,
      valid_from: "2021-01-01",
      valid_to: "2021-12-31",
      party_kommunen: "Testkommun",
      party_polisen: "Polisen",
      version: String(doc.version),
    });
    const a = await postForm(t.app, editUrl, `${base}/${doc.id}`, fields("Version från samordnaren"), cookies.samordnare!);
    assert.equal(a.statusCode, 303, a.body);
    const b = await postForm(t.app, editUrl, `${base}/${doc.id}`, fields("Version från polisen"), cookies.polis!);
    assert.equal(b.statusCode, 409);
    assert.match(b.body, /Någon annan har sparat ändringar medan du arbetade/);
    assert.match(b.body, /value="Version från polisen"/, "the second person's input is kept");
    const stored = await t.db.selectFrom("promise_documents").select(["title", "version"]).where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.equal(stored.title, "Version från samordnaren", "the first edit is not overwritten");
    assert.equal(versionOf(b.body), String(stored.version), "a deliberate second save can go through");
    const again = await postForm(t.app, editUrl, `${base}/${doc.id}`, { ...fields("Version från polisen"), version: String(stored.version) }, cookies.polis!);
    assert.equal(again.statusCode, 303);

    // The API and promises lock the same way.
    const stale = await json("PUT", `${api}/promise-documents/${doc.id}`, cookies.samordnare!, { ...documentContent(), version: doc.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "version_conflict");
    assert.match(stale.json().error.message_en, /Someone else saved changes/);
    const body = { text: "ändrad", owner: "polisen", version: promise.version };
    assert.equal((await json("PUT", `${api}/promise-documents/${doc.id}/promises/${promise.id}`, cookies.samordnare!, body)).statusCode, 200);
    assert.equal((await json("PUT", `${api}/promise-documents/${doc.id}/promises/${promise.id}`, cookies.polis!, { ...body, text: "annan" })).statusCode, 409);
  });

  it("keeps a published document immutable except through a new version that keeps the old one readable", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const edit = await json("PUT", `${api}/promise-documents/${doc.id}`, cookies.samordnare!, { ...documentContent(), version: doc.version });
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json().error.code, "wrong_status");
    const editPage = await t.app.inject({ method: "GET", url: `${base}/${doc.id}/redigera`, cookies: cookies.samordnare! });
    assert.equal(editPage.statusCode, 409);
    assert.match(editPage.body, /ändras genom en ny version/);
    const act = await json("POST", `${api}/promise-activities`, cookies.polis!, {
      promise_id: promise.id,
      title: "Före ny version",
      occurred_on: "2021-02-02",
    });
    assert.equal(act.statusCode, 201);

    const v2 = await json("POST", `${api}/promise-documents/${doc.id}/new-version`, cookies.samordnare!, { version: doc.version });
    assert.equal(v2.statusCode, 200, v2.body);
    const draft = v2.json();
    assert.equal(draft.revision, 2);
    assert.equal(draft.status, "utkast");
    assert.equal(draft.promises[0].lineage_id, promise.lineage_id);
    assert.equal(draft.promises[0].progress.total_achieved, 1, "activities carry over to the new version");
    const dup = await json("POST", `${api}/promise-documents/${doc.id}/new-version`, cookies.samordnare!, { version: doc.version });
    assert.equal(dup.json().error.code, "draft_exists");
    const changed = await json("PUT", `${api}/promise-documents/${draft.id}`, cookies.samordnare!, {
      ...documentContent(),
      title: "Rättad version",
      version: draft.version,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const signed = await json("POST", `${api}/promise-documents/${draft.id}/sign`, cookies.polis!, { version: changed.json().version });
    assert.equal(signed.statusCode, 200, signed.body);
    const published = await json("POST", `${api}/promise-documents/${draft.id}/publish`, cookies.samordnare!, { version: signed.json().version });
    assert.equal(published.statusCode, 200, published.body);

    const old = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${doc.id}` });
    assert.equal(old.statusCode, 200, "the old version stays readable");
    assert.match(old.body, /Det här är en äldre version/);
    assert.match(old.body, /Rättad version/);
    const current = await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${draft.id}` });
    assert.match(current.body, new RegExp(`Andra versioner: <a href="/t/${tenant.slug}/medborgarlofte/${doc.id}">version 1</a>`));
    const oldRow = await t.db.selectFrom("promise_documents").select(["status", "superseded_by_id"]).where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.deepEqual(oldRow, { status: "arkiverat", superseded_by_id: draft.id });
  });

  it("gives each role what the policy allows", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const { promise: kommunPromise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat", promise: { owner: "kommunen" } });
    await t.db.insertInto("promise_responsibles").values({ tenant_id: tenant.id, promise_id: kommunPromise.id, organisation_id: orgs.kommun }).execute();
    await t.db.insertInto("promise_responsibles").values({ tenant_id: tenant.id, promise_id: promise.id, organisation_id: orgs.polis }).execute();

    // läsare and rapportör read staff pages but change nothing
    for (const role of ["lasare", "rapportor"]) {
      assert.equal((await t.app.inject({ method: "GET", url: base, cookies: cookies[role]! })).statusCode, 200, role);
      assert.equal((await t.app.inject({ method: "GET", url: `${base}/${doc.id}`, cookies: cookies[role]! })).statusCode, 200, role);
      assert.equal((await t.app.inject({ method: "GET", url: `${base}/nytt`, cookies: cookies[role]! })).statusCode, 403, role);
      assert.equal((await json("POST", `${api}/promise-documents`, cookies[role]!, documentContent())).statusCode, 403, role);
      assert.equal(
        (await json("POST", `${api}/promise-activities`, cookies[role]!, { promise_id: promise.id, title: "x x", occurred_on: "2021-03-01" })).statusCode,
        403,
        role,
      );
    }
    // åtgärdsägare log activities where their organisation is responsible, nowhere else
    const own = await json("POST", `${api}/promise-activities`, cookies.atgardsagare!, {
      promise_id: kommunPromise.id,
      title: "Belysning lagad",
      occurred_on: "2021-04-01",
    });
    assert.equal(own.statusCode, 201, own.body);
    const notOwn = await json("POST", `${api}/promise-activities`, cookies.atgardsagare!, {
      promise_id: promise.id,
      title: "Trafikkontroll",
      occurred_on: "2021-04-01",
    });
    assert.equal(notOwn.statusCode, 403);
    const pick = await t.app.inject({ method: "GET", url: `${base}/aktivitet`, cookies: cookies.atgardsagare! });
    assert.ok(pick.body.includes(kommunPromise.id));
    assert.ok(!pick.body.includes(promise.id));
    // polis edits and signs but neither creates nor publishes
    assert.equal((await json("POST", `${api}/promise-documents`, cookies.polis!, documentContent())).statusCode, 403);
    assert.equal((await json("POST", `${api}/promise-documents/${doc.id}/archive`, cookies.polis!, { version: doc.version })).statusCode, 403);
    // residents: published yes, drafts and staff pages no
    const { doc: draft } = await makePromiseDocument(t.db, tenant.id);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${tenant.slug}/medborgarlofte/${draft.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `${api}/promise-documents/${draft.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `${api}/promise-documents/${doc.id}` })).statusCode, 200);
    assert.equal((await t.app.inject({ method: "GET", url: `${base}/${doc.id}` })).statusCode, 303);
    assert.equal((await json("POST", `${api}/promise-documents`, {}, documentContent())).statusCode, 401);
  });

  it("reorders, removes and sets the status of promises, and removes activities, by the rules", async () => {
    const { doc, promise } = await makePromiseDocument(t.db, tenant.id);
    const second = await json("POST", `${api}/promise-documents/${doc.id}/promises`, cookies.samordnare!, {
      text: "jobba med sin synlighet",
      owner: "polisen",
    });
    assert.equal(second.statusCode, 201, second.body);
    const moved = await json("POST", `${api}/promise-documents/${doc.id}/promises/${second.json().id}/move`, cookies.polis!, {
      direction: "up",
      version: second.json().version,
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().number, 1, "moved above the first police promise");
    const stale = await json("DELETE", `${api}/promise-documents/${doc.id}/promises/${promise.id}?version=99`, cookies.samordnare!);
    assert.equal(stale.statusCode, 409);
    const fresh = await t.db.selectFrom("promises").select("version").where("id", "=", promise.id).executeTakeFirstOrThrow();
    const removed = await json("DELETE", `${api}/promise-documents/${doc.id}/promises/${promise.id}?version=${fresh.version}`, cookies.samordnare!);
    assert.equal(removed.statusCode, 204);
    const status = await json("PUT", `${api}/promise-documents/${doc.id}/promises/${second.json().id}/status`, cookies.polis!, {
      status: "pagar",
      version: moved.json().version,
    });
    assert.equal(status.statusCode, 409, "the operational status is set once the document is signed");

    const { promise: running } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const st = await json("PUT", `${api}/promise-documents/${running.document_id}/promises/${running.id}/status`, cookies.polis!, {
      status: "genomford",
      version: running.version,
    });
    assert.equal(st.statusCode, 200, st.body);
    assert.equal(st.json().status, "genomford");
    const logged = await json("POST", `${api}/promise-activities`, cookies.polis!, { promise_id: running.id, title: "Kontroll", occurred_on: "2021-06-01" });
    assert.equal(logged.statusCode, 201);
    const id = logged.json().id;
    assert.equal((await json("DELETE", `${api}/promise-activities/${id}`, cookies.lasare!)).statusCode, 403);
    assert.equal((await json("DELETE", `${api}/promise-activities/${id}`, cookies.atgardsagare!)).statusCode, 403, "not the author");
    assert.equal((await json("DELETE", `${api}/promise-activities/${id}`, cookies.polis!)).statusCode, 204, "the author may");
    assert.equal((await t.db.selectFrom("promise_activities").select("id").where("id", "=", id).execute()).length, 0);
  });

  it("answers 404 to another tenant and changes nothing", async () => {
    const { doc, promise, activityId, attachmentId } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat", activity: true });
    const before = await t.db.selectFrom("promise_documents").selectAll().where("id", "=", doc.id).executeTakeFirstOrThrow();
    const otherBase = `/t/${other.slug}/arbete/medborgarloften`;
    const outsider = cookies.otherCoordinator!;
    // The other tenant's coordinator on this tenant's addresses…
    assert.equal((await t.app.inject({ method: "GET", url: `${base}/${doc.id}`, cookies: outsider })).statusCode, 404);
    assert.equal((await json("POST", `${api}/promise-documents/${doc.id}/archive`, outsider, { version: doc.version })).statusCode, 404);
    assert.equal(
      (await json("POST", `${api}/promise-activities`, outsider, { promise_id: promise.id, title: "x x", occurred_on: "2021-03-01" })).statusCode,
      404,
    );
    // …and on their own addresses with this tenant's ids.
    for (const url of [
      `${otherBase}/${doc.id}`,
      `/t/${other.slug}/medborgarlofte/${doc.id}`,
      `/t/${other.slug}/medborgarlofte/${doc.id}.pdf`,
      `${otherBase}/bilagor/${attachmentId}`,
    ]) {
      assert.equal((await t.app.inject({ method: "GET", url, cookies: outsider })).statusCode, 404, url);
      assert.equal((await t.app.inject({ method: "GET", url })).statusCode, 404, `${url} anonymously`);
    }
    assert.equal((await json("POST", `/api/t/${other.slug}/promise-documents/${doc.id}/archive`, outsider, { version: doc.version })).statusCode, 404);
    assert.equal((await json("DELETE", `/api/t/${other.slug}/promise-activities/${activityId}`, outsider)).statusCode, 404);
    assert.equal(
      (await json("POST", `/api/t/${other.slug}/promise-activities`, outsider, { promise_id: promise.id, title: "x x", occurred_on: "2021-03-01" })).statusCode,
      404,
    );
    const form = await postForm(t.app, `${otherBase}`, `${otherBase}/${doc.id}/arkivera`, { version: String(doc.version) }, outsider);
    assert.equal(form.statusCode, 404);
    const anonForm = await t.app.inject({
      method: "POST",
      url: `${otherBase}/${doc.id}/arkivera`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "version=1",
    });
    assert.equal(anonForm.statusCode, 404, "an unknown id is 404 before the CSRF check");
    const afterRow = await t.db.selectFrom("promise_documents").selectAll().where("id", "=", doc.id).executeTakeFirstOrThrow();
    assert.deepEqual(afterRow, before);
    const open = await t.app.inject({ method: "GET", url: `/api/t/${other.slug}/promises/open-data.json` });
    assert.equal(open.json().documents.length, 0);
  });

  it("refuses attachments that are not what they claim", async () => {
    const { promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const before = await count("promise_activities");
    const res = await postMultipart(
      t.app,
      `${base}/aktivitet?lofte=${promise.id}`,
      `${base}/aktivitet`,
      { promise_id: promise.id, title: "Kontroll", occurred_on: "2021-05-05" },
      [{ field: "attachments", filename: "bild.png", contentType: "image/png", data: Buffer.from("<html>not a png</html>") }],
      cookies.polis!,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Filen ”bild.png” kan inte tas emot/);
    assert.match(res.body, /value="Kontroll"/);
    assert.equal(await count("promise_activities"), before);
  });

  it("attaches files to an activity through the API (multipart)", async () => {
    const { promise } = await makePromiseDocument(t.db, tenant.id, { status: "publicerat" });
    const logged = await json("POST", `${api}/promise-activities`, cookies.polis!, { promise_id: promise.id, title: "Kontroll", occurred_on: "2021-06-01" });
    const id = logged.json().id;
    const res = await postMultipart(
      t.app,
      base,
      `${api}/promise-activities/${id}/attachments`,
      {},
      [{ field: "attachments", filename: "protokoll.txt", contentType: "text/plain", data: Buffer.from("Protokoll") }],
      cookies.polis!,
    );
    assert.equal(res.statusCode, 201, res.body);
    const out = JSON.parse(res.body);
    assert.equal(out.attachments[0].filename, "protokoll.txt");
    const dl = await t.app.inject({ method: "GET", url: out.attachments[0].url, cookies: cookies.lasare! });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.body, "Protokoll");
    assert.match(String(dl.headers["content-disposition"]), /^attachment;/);
  });

  it("lists every promises route in the OpenAPI document", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const paths = Object.keys(spec.paths);
    for (const p of [
      "/t/{tenant}/medborgarlofte",
      "/t/{tenant}/medborgarlofte.pdf",
      "/t/{tenant}/medborgarlofte/{documentId}",
      "/t/{tenant}/medborgarlofte/{documentId}.pdf",
      "/t/{tenant}/medborgarlofte/{documentId}/uppfoljning",
      "/t/{tenant}/medborgarlofte/{documentId}/uppfoljning.pdf",
      "/t/{tenant}/arbete/medborgarloften",
      "/t/{tenant}/arbete/medborgarloften/aktivitet",
      "/t/{tenant}/arbete/medborgarloften/{documentId}/uppfoljning",
      "/api/t/{tenant}/promise-documents",
      "/api/t/{tenant}/promise-documents/{documentId}/publish",
      "/api/t/{tenant}/promise-documents/{documentId}/promises/{promiseId}/verdict",
      "/api/t/{tenant}/promise-activities",
      "/api/t/{tenant}/promises/dashboard",
      "/api/t/{tenant}/promises/open-data.json",
      "/api/t/{tenant}/promises/open-data.csv",
    ]) {
      assert.ok(paths.includes(p), `OpenAPI saknar ${p}`);
    }
    const ours = t.app.printRoutes({ commonPrefix: false });
    assert.ok(ours.length > 0);
  });
});
