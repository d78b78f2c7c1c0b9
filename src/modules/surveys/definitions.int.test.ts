// Survey definitions are versioned: items are added, changed, moved and removed through plain
// forms while a definition is unlocked; a broken item (a condition on a later page, a measured
// "vet ej") is refused with the field named and the input kept; a locked definition gets a new
// revision in its series.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { DefinitionContent } from "./domain/definition.ts";
import { makeDefinition } from "./testing.ts";

describe("survey definitions", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let coordinator: Record<string, string>;
  let police: Record<string, string>;
  let url: string;
  let id: string;

  const version = async () => (await t.db.selectFrom("survey_definitions").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
  const content = async () =>
    DefinitionContent.parse((await t.db.selectFrom("survey_definitions").select("content").where("id", "=", id).executeTakeFirstOrThrow()).content);

  async function post(pageUrl: string, action: string, fields: Record<string, string>, cookies = coordinator) {
    const page = await t.app.inject({ method: "GET", url: pageUrl, cookies });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, `ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
    const jar = { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    return t.app.inject({
      method: "POST",
      url: action,
      cookies: jar,
      payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  const item = (over: Record<string, string>) => ({
    key: "belysning",
    type: "scale",
    page: "2",
    theme: "problem",
    text_sv: "Dålig belysning",
    text_en: "Poor lighting",
    help_sv: "",
    help_en: "",
    options: "inget | Inget problem alls | No problem\nlitet | Litet problem | A small problem\nstort | Stort problem | A big problem",
    dont_know: "on",
    measure_kind: "problem",
    measure_options: "stort",
    condition_item: "",
    condition_options: "",
    role: "",
    min: "",
    max: "",
    ...over,
  });

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    coordinator = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "samordnare")).id);
    police = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, "polis")).id);
    id = (await makeDefinition(t.db, tenant.id)).id;
    url = `/t/${tenant.slug}/arbete/trygghetsmatning/definitioner/${id}`;
  });
  after(async () => t?.close());

  it("adds an item from the form, with options one per line and 'vet ej' last", async () => {
    const res = await post(`${url}/fraga`, `${url}/fraga`, { version: String(await version()), ...item({}) });
    assert.equal(res.statusCode, 303);
    const added = (await content()).items.find((i) => i.key === "belysning")!;
    assert.deepEqual(
      added.options.map((o) => [o.key, o.text.sv, o.dontKnow ?? false]),
      [
        ["inget", "Inget problem alls", false],
        ["litet", "Litet problem", false],
        ["stort", "Stort problem", false],
        ["vet_ej", "Vet ej", true],
      ],
    );
    assert.deepEqual(added.measure, { kind: "problem", options: ["stort"] });
  });

  it("refuses a broken item with the field named and the input kept", async () => {
    const res = await post(`${url}/fraga`, `${url}/fraga`, {
      version: String(await version()),
      ...item({
        key: "morker",
        measure_options: "vet_ej",
        condition_item: "otrygg_kvall",
        condition_options: "mycket_otrygg",
        page: "3",
        text_sv: "Mörker <script>",
      }),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Andelen kan bara räkna frågans egna svarsalternativ/);
    assert.match(res.body, /Villkoret måste gälla en fråga på en tidigare sida/);
    assert.match(res.body, /Mörker &lt;script&gt;/);
    assert.ok(!(await content()).items.some((i) => i.key === "morker"), "nothing saved");
    const dup = await post(`${url}/fraga`, `${url}/fraga`, { version: String(await version()), ...item({}) });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Det finns redan en fråga med den nyckeln/);
  });

  it("moves and removes items, refusing a removal that would break a condition", async () => {
    const before = (await content()).items.filter((i) => i.page === 2).map((i) => i.key);
    const moved = await post(url, `${url}/fraga/belysning/flytta`, { version: String(await version()), direction: "up" });
    assert.equal(moved.statusCode, 303);
    const after = (await content()).items.filter((i) => i.page === 2).map((i) => i.key);
    assert.equal(after.indexOf("belysning"), before.indexOf("belysning") - 1);
    const breaking = await post(url, `${url}/fraga/avstatt/ta-bort`, { version: String(await version()) });
    assert.equal(breaking.statusCode, 409);
    assert.match(breaking.body, /Det går inte: Villkoret måste gälla en annan fråga/);
    const removed = await post(url, `${url}/fraga/belysning/ta-bort`, { version: String(await version()) });
    assert.equal(removed.statusCode, 303);
    assert.ok(!(await content()).items.some((i) => i.key === "belysning"));
  });

  it("lets only coordinators edit, and makes a new revision of a locked definition", async () => {
    const denied = await t.app.inject({ method: "GET", url: `${url}/fraga`, cookies: police });
    assert.equal(denied.statusCode, 403);
    await t.db.updateTable("survey_definitions").set({ locked: true }).where("id", "=", id).execute();
    const page = await t.app.inject({ method: "GET", url, cookies: coordinator });
    assert.match(page.body, /låst/);
    assert.doesNotMatch(page.body, /Ny fråga/);
    const res = await post(url, `${url}/ny-version`, { version: String(await version()) });
    assert.equal(res.statusCode, 303);
    const next = String(res.headers.location).split("/").at(-1)!;
    const rows = await t.db
      .selectFrom("survey_definitions")
      .select(["id", "series_id", "revision", "supersedes_id", "locked"])
      .where("tenant_id", "=", tenant.id)
      .orderBy("revision")
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.revision, r.locked, r.supersedes_id]),
      [
        [1, true, null],
        [2, false, id],
      ],
    );
    assert.equal(rows[1]!.id, next);
    assert.equal(rows[0]!.series_id, rows[1]!.series_id);
  });
});
