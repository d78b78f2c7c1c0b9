// Staff handle a report end to end through the pages: the inbox and its filters, routing by rules
// (the police LPO as recipient), statuses that need a reason or another authority, public
// updates, internal notes, a reply by mail, merging a duplicate, reopening, review, removing
// personal data with an audit trail, photos, the overdue list, settings and Open311 keys — and the
// object-level rules of who may do what.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { seedOsby } from "../seed.ts";
import { hashSecret } from "./domain/codes.ts";
import { followSecret } from "./service/notify.ts";
import { INSIDE, makeReport, multipartBody, photoWithMetadata, postForm } from "./testing.ts";
import { msAgo } from "../../platform/testing/clock.ts";

describe("reports: staff handle a report end to end", () => {
  let t: TestApp;
  let tenantId: string;
  let orgs: Map<string, string>;
  const as: Record<string, Record<string, string>> = {};
  const base = "/t/osby/arbete/rapporter";

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "10000" } });
    tenantId = (await seedOsby(t.db)).tenantId;
    const rows = await t.db
      .selectFrom("organisations")
      .leftJoin("organisation_tenants", "organisation_tenants.organisation_id", "organisations.id")
      .select(["organisations.id", "organisations.name"])
      .where((eb) => eb.or([eb("organisations.tenant_id", "=", tenantId), eb("organisation_tenants.tenant_id", "=", tenantId)]))
      .execute();
    orgs = new Map(rows.map((r) => [r.name, r.id]));
    const user = async (role: "admin" | "samordnare" | "polis" | "atgardsagare" | "lasare" | "rapportor", org?: string) =>
      sessionCookie(t.db, (await makeUser(t.db, tenantId, role, { organisationId: org ? orgs.get(org) : null })).id);
    as.samordnare = await user("samordnare", "Kommunledningsförvaltningen");
    as.admin = await user("admin");
    as.polis = await user("polis", "Polisen, lokalpolisområde Hässleholm");
    as.sbf = await user("atgardsagare", "Samhällsbyggnadsförvaltningen");
    as.bolag = await user("atgardsagare", "Osbybostäder AB");
    as.lasare = await user("lasare");
    as.rapportor = await user("rapportor", "Osbybostäder AB");
  });
  after(async () => t?.close());

  /** A resident's report through the form, with an address for answers; its row and private link. */
  async function residentReport(fields: Record<string, string>) {
    const { payload, headers } = multipartBody({
      lat: String(INSIDE.lat),
      lon: String(INSIDE.lon),
      skip_similar: "1",
      email: "boende@exempel.se",
      wants_updates: "ja",
      ...fields,
    });
    const res = await t.app.inject({ method: "POST", url: "/t/osby/rapportera", payload, headers });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await t.db
      .selectFrom("reports")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("description", "=", fields.description!)
      .executeTakeFirstOrThrow();
    return { row, follow: String(res.headers.location).replace("&ny=1", "") };
  }

  const mailsTo = (to: string) =>
    t.db.selectFrom("outbox").selectAll().where("tenant_id", "=", tenantId).where("to_address", "=", to).orderBy("created_at").execute();
  const act = (who: string, ref: string, path: string, fields: Record<string, string>) =>
    postForm(t.app, `${base}/${ref}`, `${base}/${ref}/${path}`, fields, as[who]!);

  it("shows the inbox to every staff role, with filters, counts and person-related reports marked", async () => {
    for (const who of ["samordnare", "polis", "sbf", "lasare", "rapportor"]) {
      const res = await t.app.inject({ url: base, cookies: as[who] });
      assert.equal(res.statusCode, 200, who);
    }
    const all = await t.app.inject({ url: `${base}?status=alla`, cookies: as.lasare });
    assert.match(all.body, /DEM0-1001/, "person-related reports are in the inbox");
    assert.match(all.body, /personrelaterad/);
    const klotter = await t.app.inject({ url: `${base}?status=alla&kategori=klotter`, cookies: as.lasare });
    assert.match(klotter.body, /DEM0-0002/);
    assert.doesNotMatch(klotter.body, /DEM0-0001</);
    const pending = await t.app.inject({ url: `${base}?status=alla&synlighet=pending`, cookies: as.samordnare });
    assert.match(pending.body, /DEM0-0021/);
    const search = await t.app.inject({ url: `${base}?status=alla&sok=DEM00016`, cookies: as.samordnare });
    assert.match(search.body, /DEM0-0016/);
    assert.doesNotMatch(search.body, /DEM0-0015/);
    const old = await t.app.inject({ url: `${base}?status=alla&aldre=30`, cookies: as.samordnare });
    assert.doesNotMatch(old.body, /DEM0-0001</, "three days old");
    assert.match(old.body, /DEM0-0020/);
    assert.equal((await t.app.inject({ url: base })).statusCode, 303, "anonymous: the sign-in page");
  });

  it("routes new reports by the most specific rule, and the police LPO receives person-related ones", async () => {
    const narkotika = await residentReport({ category: "narkotika", description: "Misstänkt langning vid busshållplatsen varje kväll." });
    assert.equal(narkotika.row.organisation_id, orgs.get("Polisen, lokalpolisområde Hässleholm"));
    // A rule for klotter in Lönsboda only.
    const lonsboda = (await t.db.selectFrom("areas").select("id").where("tenant_id", "=", tenantId).where("slug", "=", "lonsboda").executeTakeFirstOrThrow())
      .id;
    const saved = await postForm(
      t.app,
      `${base}/regler`,
      `${base}/regler`,
      { kategori: "klotter", omrade: lonsboda, organisation: orgs.get("Osbybostäder AB")! },
      as.samordnare!,
    );
    assert.equal(saved.statusCode, 303);
    const inLonsboda = await residentReport({ category: "klotter", lat: "56.3981", lon: "14.3191", description: "Klotter på elskåpet vid torget i Lönsboda." });
    assert.equal(inLonsboda.row.organisation_id, orgs.get("Osbybostäder AB"));
    const inOsby = await residentReport({ category: "klotter", description: "Klotter på elskåpet vid torget i Osby." });
    assert.equal(inOsby.row.organisation_id, orgs.get("Samhällsbyggnadsförvaltningen"), "the category rule wins elsewhere");
    // The rules page: an unknown organisation is refused in Swedish.
    const bad = await postForm(t.app, `${base}/regler`, `${base}/regler`, { kategori: "klotter", organisation: "finns-inte" }, as.samordnare!);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Organisationen finns inte i kommunen/);
    // Only coordinators manage rules.
    assert.equal((await t.app.inject({ url: `${base}/regler`, cookies: as.lasare })).statusCode, 403);
  });

  it("lets the handlers of the report's organisation act, and nobody else but coordinators", async () => {
    const r = await residentReport({ category: "belysning", description: "Lampan vid skolan har slocknat helt." });
    assert.equal(r.row.organisation_id, orgs.get("Samhällsbyggnadsförvaltningen"));
    const other = await act("bolag", r.row.ref, "uppdatering", { uppdatering: "Från fel organisation" });
    assert.equal(other.statusCode, 403);
    assert.match(other.body, /Du har inte behörighet till detta för den här rapporten/);
    assert.equal((await act("lasare", r.row.ref, "status", { status: "under_utredning" })).statusCode, 403);
    assert.equal((await act("polis", r.row.ref, "status", { status: "under_utredning" })).statusCode, 403, "not routed to the police");
    const own = await act("sbf", r.row.ref, "status", { status: "under_utredning" });
    assert.equal(own.statusCode, 303);
    // The reporter's address is shown to the handlers only.
    const lasare = await t.app.inject({ url: `${base}/${r.row.ref}`, cookies: as.lasare });
    assert.doesNotMatch(lasare.body, /boende@exempel\.se/);
    assert.match(lasare.body, /Visas bara för samordnare/);
    const sbf = await t.app.inject({ url: `${base}/${r.row.ref}`, cookies: as.sbf });
    assert.match(sbf.body, /boende@exempel\.se/);
  });

  it("needs a reason to close without action and the responsible authority for 'inte vårt ansvar', shown to the resident", async () => {
    const r = await residentReport({ category: "trafik", description: "Bilar kör alldeles för fort på genomfarten." });
    const noReason = await act("samordnare", r.row.ref, "status", { status: "avslutad" });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Skriv varför rapporten avslutas utan åtgärd/);
    const noAuthority = await act("samordnare", r.row.ref, "status", { status: "inte_vart_ansvar" });
    assert.equal(noAuthority.statusCode, 400);
    assert.match(noAuthority.body, /Skriv vem som ansvarar i stället/);
    const ok = await act("samordnare", r.row.ref, "status", {
      status: "inte_vart_ansvar",
      myndighet: "Trafikverket (väg 15 är statlig)",
      text: "Vi har skickat vidare synpunkten.",
    });
    assert.equal(ok.statusCode, 303);
    const pub = await t.app.inject({ url: `/t/osby/rapporter/${r.row.ref}` });
    assert.match(pub.body, /Ansvarig i stället: Trafikverket \(väg 15 är statlig\)/);
    const follow = await t.app.inject({ url: r.follow });
    assert.match(follow.body, /Trafikverket/);
    const mails = await mailsTo("boende@exempel.se");
    const display = `${r.row.ref.slice(0, 4)}-${r.row.ref.slice(4)}`;
    assert.ok(mails.some((m) => m.subject.includes(display) && m.body_text.includes("Status: Inte vårt ansvar") && m.body_text.includes("Trafikverket")));
    const row = await t.db
      .selectFrom("reports")
      .select(["status", "closed_at", "first_response_at"])
      .where("tenant_id", "=", tenantId)
      .where("id", "=", r.row.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, "inte_vart_ansvar");
    assert.ok(row.closed_at && row.first_response_at);
  });

  it("publishes updates, keeps internal notes internal, replies to the reporter by mail, and screens what staff write", async () => {
    const r = await residentReport({ category: "nedskrapning", description: "Glas och skräp på lekplatsen vid ån." });
    const withPhone = await act("samordnare", r.row.ref, "uppdatering", { uppdatering: "Ring Kim på 070-123 45 67" });
    assert.equal(withPhone.statusCode, 400);
    assert.match(withPhone.body, /Texten innehåller personuppgifter: telefonnummer/);
    const update = await act("samordnare", r.row.ref, "uppdatering", { uppdatering: "Städas på fredag." });
    assert.equal(update.statusCode, 303);
    const note = await act("samordnare", r.row.ref, "anteckning", { anteckning: "Intern: fastighetsägaren är kontaktad <script>" });
    assert.equal(note.statusCode, 303);
    const reply = await act("samordnare", r.row.ref, "svar", { svar: "Tack, vi hör av oss efter städningen." });
    assert.equal(reply.statusCode, 303);
    const pub = await t.app.inject({ url: `/t/osby/rapporter/${r.row.ref}` });
    assert.match(pub.body, /Städas på fredag\./);
    assert.doesNotMatch(pub.body, /fastighetsägaren är kontaktad/);
    assert.doesNotMatch(pub.body, /vi hör av oss efter städningen/);
    const follow = await t.app.inject({ url: r.follow });
    assert.match(follow.body, /vi hör av oss efter städningen/, "the reporter sees the reply on their page");
    assert.doesNotMatch(follow.body, /fastighetsägaren/);
    const staff = await t.app.inject({ url: `${base}/${r.row.ref}`, cookies: as.lasare });
    assert.match(staff.body, /fastighetsägaren är kontaktad &lt;script&gt;/);
    const mails = await mailsTo("boende@exempel.se");
    assert.ok(mails.some((m) => m.subject.startsWith("Svar om din rapport") && m.body_text.includes("vi hör av oss efter städningen")));
    assert.ok(mails.some((m) => m.body_text.includes("Städas på fredag.")));
    assert.ok(!mails.some((m) => m.body_text.includes("fastighetsägaren")));
    // A report without an address cannot be replied to.
    const anon = await makeReport(t.db, tenantId);
    const noAddress = await act("samordnare", anon.ref, "svar", { svar: "Hej" });
    assert.equal(noAddress.statusCode, 409);
    assert.match(noAddress.body, /lämnade ingen e-postadress/);
  });

  it("merges a duplicate (its +1s count for the other) and reopens it", async () => {
    const a = await residentReport({ category: "klotter", description: "Klotter på brofästet över ån, norra sidan." });
    const b = await residentReport({ category: "klotter", description: "Samma klotter på bron, har ni sett det?" });
    await t.db
      .insertInto("report_supports")
      .values({ tenant_id: tenantId, report_id: b.row.id, unsafe_times: ["natt"] })
      .execute();
    const self = await act("samordnare", b.row.ref, "dubblett", { mal: b.row.ref });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /kan inte vara dubblett av sig själv/);
    const unknown = await act("samordnare", b.row.ref, "dubblett", { mal: "ZZZZZZZZ" });
    assert.match(unknown.body, /Det finns ingen rapport med det ärendenumret/);
    const merged = await act("samordnare", b.row.ref, "dubblett", { mal: `${a.row.ref.slice(0, 4)}-${a.row.ref.slice(4).toLowerCase()}` });
    assert.equal(merged.statusCode, 303, "the reference may be typed with a dash and in lower case");
    const pubA = await t.app.inject({ url: `/t/osby/rapporter/${a.row.ref}` });
    assert.match(pubA.body, /2 personer instämmer/, "the duplicate and its +1");
    const pubB = await t.app.inject({ url: `/t/osby/rapporter/${b.row.ref}` });
    assert.match(pubB.body, new RegExp(`Dubblett av ärende ${a.row.ref.slice(0, 4)}-${a.row.ref.slice(4)}`));
    const reopened = await act("samordnare", b.row.ref, "ateroppna", { text: "Det var en annan bro." });
    assert.equal(reopened.statusCode, 303);
    const row = await t.db
      .selectFrom("reports")
      .select(["status", "duplicate_of", "closed_at"])
      .where("tenant_id", "=", tenantId)
      .where("id", "=", b.row.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.duplicate_of, row.closed_at], ["under_utredning", null, null]);
    const again = await act("samordnare", b.row.ref, "ateroppna", { text: "" });
    assert.equal(again.statusCode, 409);
  });

  it("publishes a report that waited for review, and hides one with a reason", async () => {
    const pending = await residentReport({ category: "annat", description: "Någon har byggt en koja av lastpallar i skogsdungen." });
    assert.equal(pending.row.visibility, "pending");
    assert.equal((await act("sbf", pending.row.ref, "granskning", { beslut: "publish" })).statusCode, 403, "only coordinators review");
    assert.equal((await act("samordnare", pending.row.ref, "granskning", { beslut: "publish" })).statusCode, 303);
    assert.equal((await t.app.inject({ url: `/t/osby/rapporter/${pending.row.ref}` })).statusCode, 200);
    const noReason = await act("samordnare", pending.row.ref, "granskning", { beslut: "hide" });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Skriv varför rapporten döljs/);
    assert.equal((await act("samordnare", pending.row.ref, "granskning", { beslut: "hide", skal: "Kränkande innehåll" })).statusCode, 303);
    assert.equal((await t.app.inject({ url: `/t/osby/rapporter/${pending.row.ref}` })).statusCode, 404);
  });

  it("removes personal data from the text and from a history entry, with an audit trail that never keeps the removed text", async () => {
    const r = await residentReport({ category: "nedskrapning", description: "Skräp vid Storgatan 12 där bilen ABC123 står varje natt." });
    const ask = await act("sbf", r.row.ref, "redigera-bort", { falt: "description", text: "ABC123", skal: "registreringsnummer" });
    assert.equal(ask.statusCode, 200, "removing text cannot be undone: a confirmation step first");
    assert.match(ask.body, /Det går inte att ångra/);
    assert.match(ask.body, /name="confirm" value="ja"/);
    assert.equal(
      (await t.db.selectFrom("reports").select("description").where("tenant_id", "=", tenantId).where("id", "=", r.row.id).executeTakeFirstOrThrow())
        .description,
      r.row.description,
    );
    const res = await act("sbf", r.row.ref, "redigera-bort", { falt: "description", text: "ABC123", skal: "registreringsnummer", confirm: "ja" });
    assert.equal(res.statusCode, 303);
    const row = await t.db.selectFrom("reports").select("description").where("tenant_id", "=", tenantId).where("id", "=", r.row.id).executeTakeFirstOrThrow();
    assert.equal(row.description, "Skräp vid Storgatan 12 där bilen [borttaget] står varje natt.");
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("entity_id", "=", r.row.id)
      .where("action", "=", "report.redact")
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.data).includes("ABC123"), "the audit log never keeps the removed text");
    assert.equal((audit.data as { occurrences: number }).occurrences, 1);
    const missing = await act("sbf", r.row.ref, "redigera-bort", { falt: "description", text: "XYZ999", skal: "x", confirm: "ja" });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Texten finns inte där/);
    const noReason = await act("sbf", r.row.ref, "redigera-bort", { falt: "description", text: "Storgatan", skal: "" });
    assert.equal(noReason.statusCode, 400);
    await act("samordnare", r.row.ref, "uppdatering", { uppdatering: "Bilen på Storgatan 12 är flyttad." });
    const update = await t.db
      .selectFrom("report_updates")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("report_id", "=", r.row.id)
      .where("kind", "=", "public")
      .executeTakeFirstOrThrow();
    assert.equal(
      (await act("samordnare", r.row.ref, "redigera-bort", { falt: `update:${update.id}`, text: "Storgatan 12", skal: "adress", confirm: "ja" })).statusCode,
      303,
    );
    const pub = await t.app.inject({ url: `/t/osby/rapporter/${r.row.ref}` });
    assert.match(pub.body, /Bilen på \[borttaget\] är flyttad/);
    const staff = await t.app.inject({ url: `${base}/${r.row.ref}`, cookies: as.samordnare });
    assert.match(staff.body, /Personuppgifter borttagna/);
  });

  it("hides a photo from the public (staff still see it) and deletes one for good, each logged", async () => {
    const { payload, headers } = multipartBody(
      { category: "klotter", lat: String(INSIDE.lat), lon: String(INSIDE.lon), description: "Klotter med bild på fasaden.", skip_similar: "1" },
      [{ field: "photos", filename: "a.jpg", contentType: "image/jpeg", data: await photoWithMetadata() }],
    );
    assert.equal((await t.app.inject({ method: "POST", url: "/t/osby/rapportera", payload, headers })).statusCode, 303);
    const r = await t.db
      .selectFrom("reports")
      .select(["id", "ref"])
      .where("tenant_id", "=", tenantId)
      .where("description", "=", "Klotter med bild på fasaden.")
      .executeTakeFirstOrThrow();
    const photo = await t.db
      .selectFrom("report_photos")
      .select(["id", "file_id"])
      .where("tenant_id", "=", tenantId)
      .where("report_id", "=", r.id)
      .executeTakeFirstOrThrow();
    const url = `/t/osby/rapporter/${r.ref}/bilder/${photo.id}.jpg`;
    assert.equal((await t.app.inject({ url })).statusCode, 200);
    const noReason = await postForm(t.app, `${base}/${r.ref}`, `${base}/${r.ref}/bilder/${photo.id}`, { atgard: "hide", skal: "" }, as.samordnare!);
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (await postForm(t.app, `${base}/${r.ref}`, `${base}/${r.ref}/bilder/${photo.id}`, { atgard: "hide", skal: "Ansikte syns" }, as.samordnare!)).statusCode,
      303,
    );
    assert.equal((await t.app.inject({ url })).statusCode, 404, "hidden from the public");
    assert.equal((await t.app.inject({ url: `${base}/${r.ref}/bilder/${photo.id}.jpg`, cookies: as.lasare })).statusCode, 200, "staff still see it");
    const ask = await postForm(t.app, `${base}/${r.ref}`, `${base}/${r.ref}/bilder/${photo.id}`, { atgard: "delete", skal: "Ansikte syns" }, as.samordnare!);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Radera bilden för gott\?/);
    assert.equal(
      (await t.app.inject({ url: `${base}/${r.ref}/bilder/${photo.id}.jpg`, cookies: as.lasare })).statusCode,
      200,
      "nothing deleted before the confirmation",
    );
    const confirmed = await postForm(
      t.app,
      `${base}/${r.ref}`,
      `${base}/${r.ref}/bilder/${photo.id}`,
      { atgard: "delete", skal: "Ansikte syns", confirm: "ja" },
      as.samordnare!,
    );
    assert.equal(confirmed.statusCode, 303);
    assert.equal((await t.app.inject({ url: `${base}/${r.ref}/bilder/${photo.id}.jpg`, cookies: as.lasare })).statusCode, 404);
    assert.equal(await t.db.selectFrom("files").select("id").where("tenant_id", "=", tenantId).where("id", "=", photo.file_id).executeTakeFirst(), undefined);
    const actions = (await t.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenantId).where("entity_id", "=", r.id).execute()).map(
      (a) => a.action,
    );
    assert.deepEqual(actions.filter((a) => a.startsWith("report.photo")).sort(), ["report.photo.delete", "report.photo.hide"]);
  });

  it("lists what is overdue against the tenant's response times", async () => {
    const late = await makeReport(t.db, tenantId, { description: "Gammal obesvarad rapport", created_at: msAgo(10 * 86_400_000) });
    const res = await t.app.inject({ url: `${base}/forsenade`, cookies: as.lasare });
    assert.equal(res.statusCode, 200);
    const row = new RegExp(`${late.ref.slice(0, 4)}-${late.ref.slice(4)}[\\s\\S]*?Inget första svar`);
    assert.match(res.body, row);
    assert.match(res.body, /första svar inom 5 dagar, avslut inom 30 dagar/);
  });

  it("saves settings (a new category, the threshold) and refuses bad values in Swedish", async () => {
    const page = await t.app.inject({ url: `${base}/installningar`, cookies: as.samordnare });
    assert.equal(page.statusCode, 200);
    const fields: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (m[1] !== "_csrf") fields[m[1]!] = m[2]!;
    for (const m of page.body.matchAll(/<input[^>]*type="checkbox"[^>]*name="([^"]+)"[^>]*value="ja"( checked)?/g)) if (!m[2]) delete fields[m[1]!];
    for (const m of page.body.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option value="([^"]+)" selected>/g)) fields[m[1]!] = m[2]!;
    const n = Object.keys(fields).filter((k) => /^c\.\d+\.code$/.test(k)).length - 1;
    const bad = await postForm(
      t.app,
      `${base}/installningar`,
      `${base}/installningar`,
      { ...fields, minCount: "1", [`c.${n}.code`]: "Ogiltig Kod!", [`c.${n}.sv`]: "X", [`c.${n}.en`]: "X", [`c.${n}.kind`]: "place", [`c.${n}.active`]: "ja" },
      as.samordnare!,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Koden får bara innehålla a–z/);
    assert.match(bad.body, /Värdet måste vara minst 2/);
    const ok = await postForm(
      t.app,
      `${base}/installningar`,
      `${base}/installningar`,
      {
        ...fields,
        minCount: "4",
        [`c.${n}.code`]: "hundbajs",
        [`c.${n}.sv`]: "Hundbajs",
        [`c.${n}.en`]: "Dog waste",
        [`c.${n}.kind`]: "place",
        [`c.${n}.active`]: "ja",
      },
      as.samordnare!,
    );
    assert.equal(ok.statusCode, 303);
    const form = await t.app.inject({ url: "/t/osby/rapportera" });
    assert.match(form.body, /value="hundbajs"/);
    assert.equal((await t.app.inject({ url: `${base}/installningar`, cookies: as.sbf })).statusCode, 403);
  });

  it("lets only the admin issue Open311 keys (shown once, stored hashed) and revoke them", async () => {
    assert.equal((await t.app.inject({ url: `${base}/nycklar`, cookies: as.samordnare })).statusCode, 403);
    const missing = await postForm(t.app, `${base}/nycklar`, `${base}/nycklar`, { namn: "" }, as.admin!);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Ge nyckeln ett namn/);
    const made = await postForm(
      t.app,
      `${base}/nycklar`,
      `${base}/nycklar`,
      { namn: "Polisens system", organisation: orgs.get("Polisen, lokalpolisområde Hässleholm")! },
      as.admin!,
    );
    assert.equal(made.statusCode, 200);
    const key = /<code class="api-key">([^<]+)<\/code>/.exec(made.body)?.[1];
    assert.ok(key?.startsWith("trygg_"));
    const row = await t.db
      .selectFrom("report_api_keys")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("name", "=", "Polisens system")
      .executeTakeFirstOrThrow();
    assert.equal(row.key_hash, hashSecret(key!));
    assert.ok(!JSON.stringify(row).includes(key!), "only the hash is stored");
    const list = await t.app.inject({ url: `${base}/nycklar`, cookies: as.admin });
    assert.doesNotMatch(list.body, new RegExp(key!), "never shown again");
    const ask = await postForm(t.app, `${base}/nycklar`, `${base}/nycklar/${row.id}/aterkalla`, {}, as.admin!);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Återkalla nyckeln\?/);
    assert.equal(
      (await t.db.selectFrom("report_api_keys").select("revoked_at").where("tenant_id", "=", tenantId).where("id", "=", row.id).executeTakeFirstOrThrow())
        .revoked_at,
      null,
    );
    const revoked = await postForm(t.app, `${base}/nycklar`, `${base}/nycklar/${row.id}/aterkalla`, { confirm: "ja" }, as.admin!);
    assert.equal(revoked.statusCode, 303);
    assert.ok(
      (await t.db.selectFrom("report_api_keys").select("revoked_at").where("tenant_id", "=", tenantId).where("id", "=", row.id).executeTakeFirstOrThrow())
        .revoked_at,
    );
  });

  it("gives staff their own alerts, person-related reports included, with a link to the staff page", async () => {
    const res = await postForm(t.app, `${base}/bevakningar`, `${base}/bevakningar`, { events: "new", kategori: "narkotika" }, as.polis!);
    assert.equal(res.statusCode, 303);
    const polisEmail = (
      await t.db
        .selectFrom("report_subscriptions")
        .select("email")
        .where("tenant_id", "=", tenantId)
        .where("category", "=", "narkotika")
        .executeTakeFirstOrThrow()
    ).email;
    await residentReport({ category: "narkotika", description: "Påverkade personer i gångtunneln om nätterna." });
    const mails = await mailsTo(polisEmail);
    assert.ok(mails.some((m) => m.body_text.includes("/arbete/rapporter/") && m.body_text.includes("Påverkade personer")));
    const sub = await t.db
      .selectFrom("report_subscriptions")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("email", "=", polisEmail)
      .executeTakeFirstOrThrow();
    assert.equal(
      (await postForm(t.app, `${base}/bevakningar`, `${base}/bevakningar/${sub.id}/ta-bort`, {}, as.sbf!)).statusCode,
      404,
      "someone else's alert does not exist for you",
    );
    assert.equal((await postForm(t.app, `${base}/bevakningar`, `${base}/bevakningar/${sub.id}/ta-bort`, {}, as.polis!)).statusCode, 303);
  });

  it("exports the inbox's selection as CSV for coordinators and the police, logged, without reporters' details and with formulas defused", async () => {
    await residentReport({ category: "klotter", description: '=HYPERLINK("http://x") klotter på muren' });
    assert.equal((await t.app.inject({ url: `${base}/export.csv`, cookies: as.lasare })).statusCode, 403);
    const res = await t.app.inject({ url: `${base}/export.csv?status=alla&kategori=klotter`, cookies: as.polis });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "text/csv; charset=utf-8");
    assert.match(String(res.headers["content-disposition"]), /attachment; filename="rapporter-osby\.csv"/);
    assert.ok(!res.body.includes("boende@exempel.se"), "no reporter's address in an export");
    assert.match(res.body, /'=HYPERLINK/, "a formula is written as text");
    assert.ok(res.body.split("\r\n").length > 3);
    assert.ok(!/,narkotika|Narkotika,/.test(res.body), "only the selection");
    const logged = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("action", "=", "reports.export")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    assert.equal((logged.data as { filter: { kategori: string } }).filter.kategori, "klotter");
    assert.ok((logged.data as { rows: number }).rows >= 2);
    const excel = await t.app.inject({ url: `${base}/export.csv?status=alla&kategori=klotter&format=excel`, cookies: as.samordnare });
    assert.ok(excel.body.startsWith("\uFEFF"), "Excel's dialect starts with a byte order mark");
    assert.match(excel.body, /;/);
  });

  it("shows the waiting and late reports on the staff start page", async () => {
    const res = await t.app.inject({ url: "/t/osby/arbete", cookies: as.lasare });
    assert.match(res.body, /Rapporter från invånare<\/h2>[\s\S]*?\d+ öppna rapporter[\s\S]*?\d+ försenade/);
  });

  it("keeps the follow link working for mails written later (derived from the report, stored as a hash)", async () => {
    const r = await residentReport({ category: "belysning", description: "Gatlampan blinkar hela natten vid korsningen." });
    const secret = followSecret(t.app.deps, r.row.id);
    const row = await t.db
      .selectFrom("reports")
      .select("follow_token_hash")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", r.row.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.follow_token_hash, hashSecret(secret));
    assert.ok(r.follow.endsWith(secret));
  });
});
