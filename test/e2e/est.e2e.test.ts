// Browser story for EST (Effektiv Samordning för Trygghet), one week end to end, with axe on every
// page: a partner's reporter reports from a 320 px wide phone (a time in the future and personal
// data are refused with the input kept, a likely name is confirmed as not a person, the report is
// corrected); the coordinator sees it in this week's lägesbild, reviews it, reads the demo's
// lägesbild of 2024-W22 with its hot spots, downloads the PDF and the CSV, holds the meeting about
// last week (focus areas, a targeted place, an insats); the insats's owner reports it done with
// its outcome; the police see this week's lägesbild with last week's decision done, and the
// insats with its (preliminary) before/after evaluation on the analysis page.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { currentWeek, isoDate, localInputValue, periodOfDay, today, weekLabel } from "../../src/modules/est/domain/time.ts";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";
import { msAgo, msFromNow } from "../../src/platform/testing/clock.ts";

const BASE = "/t/osby/arbete/est";

describe("EST in a browser: a week from reports to evaluated insatser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;
  // Unique texts, so the story finds its own rows among the demo's.
  const tag = randomUUID().slice(0, 6);
  const description = `Ny tagg på elskåpet vid gångtunneln (${tag}).`;
  const insatsTitle = `Sanering och kvällsrondering vid Stationsparken (${tag})`;
  const thisWeek = weekLabel(currentWeek());
  const lastWeek = weekLabel(currentWeek() - 1);
  let reportPath = "";
  let insatsPath = "";

  before(async () => {
    [server, browser] = await Promise.all([e2eServer(), launchBrowser()]);
  });
  afterEach(async () => {
    const visitor = v;
    v = null;
    await visitor?.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Submit the form holding `button` and wait for the page that follows, then run axe on it. */
  async function submit(visitor: Visitor, button: ReturnType<Page["locator"]>): Promise<void> {
    await Promise.all([visitor.page.waitForNavigation({ waitUntil: "load" }), button.click()]);
    await visitor.checkA11y();
  }

  it("a partner's reporter reports from a phone; bad input is refused with the input kept; the report is corrected", async () => {
    v = await openVisitor(browser, server.url, { viewport: { width: 320, height: 640 } });
    const page = v.page;
    const reporter = demoLogin("rapportor");
    await v.login(reporter.email, reporter.password);
    await v.visit(`${BASE}/rapportera`, { waitFor: ".leaflet-container" });
    const form = page.locator(`form[action="${BASE}/rapportera"]`);

    // A tap on the map sets the pin's coordinates (the island); cleared again, a named place is used.
    const map = page.locator("[data-pick-source]");
    await map.scrollIntoViewIfNeeded();
    await map.click({ position: { x: 150, y: 100 } });
    assert.match(await page.locator("#f-lat").inputValue(), /^5\d\.\d{6}$/);
    assert.match(await page.locator("#f-lon").inputValue(), /^1\d\.\d{6}$/);
    await page.locator("#f-lat").fill("");
    await page.locator("#f-lon").fill("");

    // A time in the future is refused: the summary names the field, the input stays.
    const tomorrow = localInputValue(msFromNow(26 * 3_600_000));
    await page.locator("#f-occurred_at").fill(tomorrow);
    await page.locator("#f-place_id").selectOption({ label: "Stationsparken (demo)" });
    await page.locator("#f-category").selectOption({ label: "Klotter" });
    await page.locator("#f-description").fill(`${description} Ring 070-123 45 67.`);
    await form.locator('input[name="assessment"][value="ja"]').check();
    await submit(v, form.locator('button[type="submit"]'));
    assert.match(await page.locator(".error-summary").innerText(), /Tiden ligger i framtiden/);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true, "the summary has focus");
    assert.equal(await page.locator("#f-occurred_at").inputValue(), tomorrow);
    assert.equal(await page.locator("#f-category").inputValue(), "klotter");

    // The phone number is personal data: refused, nothing saved, the text kept to rewrite.
    await page.locator("#f-occurred_at").fill(localInputValue(msAgo(30 * 60_000)));
    await submit(v, form.locator('button[type="submit"]'));
    assert.match(await page.locator("#personal-data").innerText(), /telefonnummer/);
    assert.match(await page.locator("#personal-data").innerText(), /inget har sparats/);
    assert.match(await page.locator("#f-description").inputValue(), /Ring 070-123 45 67\./);

    // Rewritten with a tag that looks like a name: confirmed as not a person, and saved.
    await page.locator("#f-description").fill(`${description} Taggen lyder ”Anna Lindqvist”.`);
    await submit(v, form.locator('button[type="submit"]'));
    assert.match(await page.locator("#personal-data").innerText(), /kan vara namn på personer/);
    await page.locator('#personal-data input[name="confirm_not_names"]').first().check();
    await submit(v, form.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Tack! Rapporten är sparad\./);
    reportPath = new URL(page.url()).pathname;
    assert.match(reportPath, new RegExp(`^${BASE}/rapporter/[0-9a-f-]{36}$`));
    assert.match(await page.locator("main").innerText(), new RegExp(tag));

    // The reporter corrects the report (within 7 days): the number of people.
    const correction = page.locator(`form[action="${reportPath}"]`);
    await correction.locator("#f-people").selectOption("2-4");
    await submit(v, correction.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Rättelsen är sparad\./);

    // Their own reports list it.
    await v.visit(`${BASE}/rapporter?mina=1`);
    assert.ok(await page.locator(`a[href="${reportPath}"]`).count(), "the report is in the reporter's list");
  });

  it("the coordinator reviews it, reads the lägesbild, holds last week's meeting and decides an insats", async () => {
    assert.ok(reportPath, "the reporter's story ran first");
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const coordinator = demoLogin("samordnare");
    await v.login(coordinator.email, coordinator.password);

    // This week's lägesbild counts the report; the data are too sparse for hot spots, and it says so.
    await v.visit(`${BASE}?vecka=${thisWeek}`);
    const [year, week] = thisWeek.split("-W") as [string, string];
    assert.match(await page.locator("h1").innerText(), new RegExp(`vecka ${Number(week)}, ${year}`));
    const totals = await page.locator("#siffror table").first().innerText();
    assert.match(totals, /Partner/);
    assert.match(await page.locator("#hotspots").innerText(), /För glest underlag/);

    // Review: marked as reviewed, in the history.
    await v.visit(reportPath);
    await submit(v, page.locator(`form[action="${reportPath}/granska"] button[type="submit"]`));
    assert.match(await page.locator(".flash").innerText(), /Rapporten är granskad\./);

    // The demo's week 2024-W22: hot spots at Stationsparken, police events only as figures.
    await v.visit(`${BASE}?vecka=2024-W22`);
    const hot = await page.locator("#hotspots").innerText();
    assert.match(hot, /Stationsparken \(demo\)/);
    assert.match(hot, /Polisens händelser har ingen egen position/);
    assert.ok(await page.locator("#hotspots figure svg, #siffror figure svg").count(), "server-rendered charts");
    const pdf = await page.request.get(`${BASE}/lagesbild.pdf?vecka=2024-W22`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    const csv = await page.request.get(`${BASE}/lagesbild.csv?vecka=2024-W22`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /klotter|Klotter/);

    // The meeting about last week, held today.
    await v.visit(`${BASE}/moten`);
    const newMeeting = page.locator(`form[action="${BASE}/moten"]`);
    await newMeeting.locator("#f-week").fill(lastWeek);
    await newMeeting.locator("#f-held_on").fill(isoDate(today()));
    await submit(v, newMeeting.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Mötet är skapat\.|Det fanns redan ett möte om veckan/);
    const meetingPath = new URL(page.url()).pathname;
    assert.match(await page.locator("#dagordning").innerText(), /Dagordning/);

    // Focus areas.
    await page.locator("#protokoll details summary").click();
    const record = page.locator(`form[action="${meetingPath}/protokoll"]`);
    await record.locator("#f-focus_areas").fill(`klotter vid Stationsparken\nbuskörning vid handelsområdet`);
    await submit(v, record.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Protokollet är sparat\./);
    assert.match(await page.locator("#protokoll").innerText(), /klotter vid Stationsparken/);

    // A place the security company targets next week.
    const target = page.locator(`form[action="${meetingPath}/mal"]`);
    await target.locator("#t-organisation_id").selectOption({ label: "Bevakningsbolaget Nordost AB (demo)" });
    await target.locator("#t-place_id").selectOption({ label: "Stationsparken (demo)" });
    await target.locator("#t-note").fill("Rondering fredag och lördag kväll.");
    await submit(v, target.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Platsen är tillagd\./);
    assert.match(await page.locator("#platser").innerText(), /Bevakningsbolaget Nordost AB \(demo\)[\s\S]*Stationsparken \(demo\)/);

    // The insats.
    const decide = page.locator(`form[action="${meetingPath}/insatser"]`);
    await decide.locator("#f-title").fill(insatsTitle);
    await decide.locator("#f-place_id").selectOption({ label: "Stationsparken (demo)" });
    await decide.locator("#f-organisation_id").selectOption({ label: "Samhällsbyggnadsförvaltningen" });
    await decide.locator("#f-starts_on").fill(isoDate(today()));
    await decide.locator("#f-ends_on").fill(isoDate(today() + 13));
    await decide.locator('input[name="categories"][value="klotter"]').check();
    await submit(v, decide.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Insatsen är beslutad\./);
    // Back on the meeting, which lists it.
    assert.equal(new URL(page.url()).pathname, meetingPath);
    await submit(v, page.locator("#insatser a", { hasText: insatsTitle }));
    insatsPath = new URL(page.url()).pathname;
    assert.match(insatsPath, new RegExp(`^${BASE}/insatser/[0-9a-f-]{36}$`));
    assert.match(await page.locator("h1").innerText(), new RegExp(tag));

    // The meeting is marked as held.
    await v.visit(meetingPath);
    const held = page.locator(`form[action="${meetingPath}/hallet"] button[type="submit"]`);
    if (await held.count()) {
      await submit(v, held);
      assert.match(await page.locator(".flash").innerText(), /Mötet är markerat som hållet\./);
    }
  });

  it("the insats's owner reports it done with its outcome", async () => {
    assert.ok(insatsPath, "the coordinator's story ran first");
    v = await openVisitor(browser, server.url, { viewport: { width: 360, height: 740 } });
    const page = v.page;
    const owner = demoLogin("atgardsagare");
    await v.login(owner.email, owner.password);
    await v.visit(insatsPath);
    const status = page.locator(`form[action="${insatsPath}/status"]`);
    await status.locator("#f-status").selectOption("genomford");
    await status.locator("#f-outcome").fill("Klottret sanerat samma dag; belysningen vid gångtunneln lagad.");
    await status.locator("#f-done_on").fill(isoDate(today()));
    await submit(v, status.locator('button[type="submit"]'));
    assert.match(await page.locator(".flash").innerText(), /Insatsen är genomförd\./);
    assert.match(await page.locator("main").innerText(), /belysningen vid gångtunneln lagad/);
  });

  it("the police see this week's lägesbild with last week's decision done, and the insats evaluated", async () => {
    assert.ok(insatsPath, "the earlier stories ran first");
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const police = demoLogin("polis");
    await v.login(police.email, police.password);
    await v.visit(`${BASE}?vecka=${thisWeek}`);
    const decisions = await page.locator("#beslut").innerText();
    assert.match(decisions, new RegExp(`Sanering och kvällsrondering vid Stationsparken \\(${tag}\\)`));
    assert.match(decisions, /Genomförd/);

    // The insats: its before/after evaluation, preliminary while the after-period runs.
    await v.visit(insatsPath);
    const evaluation = await page.locator("main").innerText();
    assert.match(evaluation, /Utvärdering före och efter/);
    assert.match(evaluation, /Preliminär/);

    // The analysis page of the current tertial lists it (by default the page shows the last complete one).
    await v.visit(`${BASE}/analys?period=${periodOfDay("tertial", today()).label}`);
    assert.match(await page.locator("main").innerText(), new RegExp(tag));
  });
});
