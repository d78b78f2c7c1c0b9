// Links on a medborgarlöfte (a finding's source, the cooperation agreement) are shown to the
// public: only http(s) addresses or a path that stays on this site are accepted — never "//host"
// or a path the browser normalises to it ("/.//host"). Through the API and through the form.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { documentContent, makePromiseDocument, postForm } from "./testing.ts";

const OFF_SITE = [
  "//evil.example/x",
  "/.//evil.example/x",
  "/..//evil.example/x",
  "/\\evil.example",
  "/%2F/evil.example",
  "/%5C%5Cevil.example",
  "javascript:alert(1)",
  "https:evil.example",
  "http:/evil.example",
  "ftp://evil.example/",
  "data:text/html,x",
];

describe("promises: links must be web addresses or stay on this site", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let api: string;
  let base: string;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    api = `/api/t/${tenant.slug}`;
    base = `/t/${tenant.slug}/arbete/medborgarloften`;
  });
  after(async () => t?.close());

  const create = (over: Record<string, unknown>) => {
    const c = documentContent();
    const body = {
      title: "Medborgarlöfte med länkar",
      valid_from: c.valid_from,
      valid_to: c.valid_to,
      parties: c.parties,
      findings: [{ text: "Bilar kör för fort.", source: "trygghetsmatning", ref_url: null }],
      ...over,
    };
    return t.app.inject({
      method: "POST",
      url: `${api}/promise-documents`,
      cookies: coordinator,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(body),
    });
  };

  it("refuses off-site forms of ref_url and agreement_url on the API, in Swedish and English", async () => {
    for (const bad of OFF_SITE) {
      const finding = await create({ findings: [{ text: "Bilar kör för fort.", source: "trygghetsmatning", ref_url: bad }] });
      assert.equal(finding.statusCode, 400, `ref_url ${JSON.stringify(bad)}: ${finding.body}`);
      const f = finding.json().error.fields.find((x: { field: string }) => x.field === "findings.0.ref_url");
      assert.ok(f, `ref_url ${JSON.stringify(bad)}`);
      assert.match(f.message, /webbadress som börjar med https:\/\//);
      assert.match(f.message_en, /web address starting with https:\/\//);
      const agreement = await create({ agreement_title: "Samverkansöverenskommelse", agreement_url: bad });
      assert.equal(agreement.statusCode, 400, `agreement_url ${JSON.stringify(bad)}: ${agreement.body}`);
      assert.ok(agreement.json().error.fields.some((x: { field: string }) => x.field === "agreement_url"));
    }
  });

  it("accepts web addresses and paths on this site (stored normalised)", async () => {
    const res = await create({
      findings: [
        { text: "Bilar kör för fort.", source: "trygghetsmatning", ref_url: "https://polisen.se/aktuellt/" },
        { text: "Klotter i centrum.", source: "est", ref_url: "/t/osby/./trygghetsmatning?ar=2022#lonsboda" },
      ],
      agreement_url: "http://www.osby.se/overenskommelse.pdf",
    });
    assert.equal(res.statusCode, 201, res.body);
    const row = await t.db.selectFrom("promise_documents").selectAll().where("id", "=", res.json().id).executeTakeFirstOrThrow();
    assert.deepEqual(
      row.findings.map((f) => f.ref_url),
      ["https://polisen.se/aktuellt/", "/t/osby/trygghetsmatning?ar=2022#lonsboda"],
    );
    assert.equal(row.agreement_url, "http://www.osby.se/overenskommelse.pdf");
  });

  it("refuses them in the edit form too, keeping what was typed and saving nothing", async () => {
    const { doc } = await makePromiseDocument(t.db, tenant.id, { content: { agreement_url: "https://www.osby.se/a.pdf" } });
    for (const bad of ["/.//evil.example/x", "//evil.example"]) {
      const res = await postForm(
        t.app,
        `${base}/${doc.id}/redigera`,
        `${base}/${doc.id}`,
        {
          version: String(doc.version),
          title: "Medborgarlöfte i Testkommun",
          valid_from: "2021-01-01",
          valid_to: "2021-12-31",
          party_kommunen: "Testkommun",
          party_polisen: "Polisen",
          "findings.0.text": "Bilar kör för fort.",
          "findings.0.source": "trygghetsmatning",
          "findings.0.ref_url": bad,
          agreement_url: bad,
        },
        coordinator,
      );
      assert.equal(res.statusCode, 400, res.body.slice(0, 400));
      assert.match(res.body, /webbadress som börjar med https:\/\//);
      assert.ok(res.body.includes(`value="${bad}"`), "what was typed is shown again");
      const row = await t.db.selectFrom("promise_documents").selectAll().where("id", "=", doc.id).executeTakeFirstOrThrow();
      assert.equal(row.agreement_url, "https://www.osby.se/a.pdf", "nothing saved");
      assert.equal(row.version, doc.version);
    }
  });

  it("does not link an off-site address stored before this rule (public and staff pages)", async () => {
    const { doc } = await makePromiseDocument(t.db, tenant.id, {
      status: "publicerat",
      content: {
        findings: [{ text: "Bilar kör för fort.", source: "trygghetsmatning", ref_url: "/.//evil.example/x" }],
        agreement_title: "Samverkansöverenskommelse",
        agreement_url: "//evil.example/a",
      },
    });
    for (const [url, who] of [
      [`/t/${tenant.slug}/medborgarlofte/${doc.id}`, {}],
      [`${base}/${doc.id}`, coordinator],
    ] as const) {
      const res = await t.app.inject({ method: "GET", url, cookies: who });
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /href="[^"]*evil\.example/, url);
    }
  });
});
