// Browser stories for medborgarlöften, with axe on every page: the coordinator writes, signs
// and publishes a promise (confirming on the confirmation page); the police log an activity on
// a 320 px wide phone and see the confirmation without scrolling; a resident reads the result
// (with and without JavaScript) and downloads the PDF. The new document's period lies in the past
// (2019), so the demo's latest promise (2024) stays the one /medborgarlofte shows for the other
// browser tests.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

describe("medborgarlöften in a browser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;
  const title = `Medborgarlöfte i Osby kommun 2019 (test ${randomUUID().slice(0, 8)})`;
  let publicPath = "";

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

  /** Click and wait for the page that follows, then run axe on it. */
  async function clickThrough(visitor: Visitor, selector: string): Promise<void> {
    await Promise.all([visitor.page.waitForNavigation({ waitUntil: "load" }), visitor.page.locator(selector).first().click()]);
    await visitor.checkA11y();
  }

  it("lets the coordinator write, sign and publish a promise, and the police log an activity", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const coordinator = demoLogin("samordnare");
    await v.login(coordinator.email, coordinator.password);
    await v.visit("/t/osby/arbete/medborgarloften");
    await clickThrough(v, 'a[href="/t/osby/arbete/medborgarloften/nytt"]');

    // From scratch: the second form on the page.
    const form = page.locator('form[action="/t/osby/arbete/medborgarloften"]');
    await form.locator("#f-title").fill(title);
    await form.locator("#f-valid_from").fill("2019-01-01");
    await form.locator("#f-valid_to").fill("2019-12-31");
    await form.locator("#f-introduction").fill("Kommunen och polisen lovar invånarna i Osby konkreta saker.");
    await form.locator("#f-focus_areas").fill("trafikbrott");
    await form.locator('[id="f-findings.0.text"]').fill("Bilar kör för fort i Lönsboda.");
    await form.locator('[id="f-signatories.0.name"]').fill("Kommunens företrädare");
    await form.locator('[id="f-signatories.0.title"]').fill("kommunstyrelsens ordförande");
    await form.locator('[id="f-signatories.0.organisation"]').fill("Osby kommun");
    await form.locator('[id="f-signatories.1.name"]').fill("Polisens företrädare");
    await form.locator('[id="f-signatories.1.title"]').fill("kommunpolis");
    await form.locator('[id="f-signatories.1.organisation"]').fill("Polisen");
    await form.locator("#f-signed_on").fill("2019-01-15");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), form.locator('button[type="submit"]').click()]);
    await v.checkA11y();
    assert.match(await page.locator("h1").innerText(), /Medborgarlöfte i Osby kommun 2019/);
    assert.match(await page.locator(".flash").innerText(), /Utkastet är skapat/);
    const docPath = new URL(page.url()).pathname;

    // A target without its unit and period is refused with a clear message; the input stays.
    await clickThrough(v, `a[href="${docPath}/lofte/nytt"]`);
    await page.locator("#f-text").fill("utföra riktade insatser mot trafikbrott");
    await page.locator("#f-owner").selectOption("polisen");
    await page.locator("#f-target_quantity").fill("1");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator('main form button[type="submit"]').click()]);
    await v.checkA11y();
    assert.match(await page.locator(".error-summary").innerText(), /Enhet: Ett mål behöver antal, enhet och period – ange enhet/);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true, "the summary has focus");
    assert.equal(await page.locator("#f-target_quantity").inputValue(), "1");
    await page.locator("#f-target_unit").fill("riktade trafikkontroller");
    await page.locator("#f-target_period").selectOption("month");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator('main form button[type="submit"]').click()]);
    await v.checkA11y();
    assert.match(await page.locator("main").innerText(), /minst 1 riktade trafikkontroller per månad/);

    await clickThrough(v, `form[action="${docPath}/signera"] button`);
    assert.match(await page.locator(".flash").innerText(), /undertecknat/);
    // Publishing is public: a confirmation page first (a plain form, no JavaScript needed).
    await clickThrough(v, `form[action="${docPath}/publicera"] button`);
    assert.match(await page.locator("h1").innerText(), /Publicera medborgarlöftet/);
    assert.match(await page.locator("main").innerText(), /blir synliga för alla/);
    assert.equal(await page.locator(".flash").count(), 0, "nothing published yet");
    await clickThrough(v, 'form.confirm-form button[type="submit"]');
    assert.match(await page.locator(".flash").innerText(), /publicerat/);
    publicPath = (await page.locator('a:has-text("Publik sida")').getAttribute("href")) ?? "";
    assert.match(publicPath, /^\/t\/osby\/medborgarlofte\/[0-9a-f-]{36}$/);
    await v.close();

    // The police log an activity from a small phone (320 px wide).
    v = await openVisitor(browser, server.url);
    await v.page.setViewportSize({ width: 320, height: 568 });
    const police = demoLogin("polis");
    await v.login(police.email, police.password);
    await v.visit(`${docPath}`);
    await clickThrough(v, 'a:has-text("Logga aktivitet på löfte 1")');
    await v.page.locator("#f-title").fill("Riktad trafikkontroll");
    await v.page.locator("#f-occurred_on").fill("2019-03-05");
    await v.page.locator("#f-place_name").fill("Lönsboda centrum");
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.locator('main form button[type="submit"]').click()]);
    await v.checkA11y();
    assert.match(await v.page.locator(".flash").innerText(), /Aktiviteten är sparad/);
    const inView = await v.page.locator(".flash").evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight };
    });
    assert.ok(inView.top >= 0 && inView.bottom <= inView.height, `the confirmation is in view after saving (${JSON.stringify(inView)})`);
    const main = await v.page.locator("main").innerText();
    assert.match(main, /1 av 12 månader uppfyllda/);
    assert.match(main, /11 av 12 månader missade: jan–feb 2019, apr–dec 2019/, "a finished year with one month met is behind");
  });

  it("shows the resident the promise with its progress, and the PDF", async () => {
    assert.ok(publicPath, "the previous story published a promise");
    v = await openVisitor(browser, server.url);
    await v.visit(publicPath);
    const main = await v.page.locator("main").innerText();
    assert.match(main, /Polisen lovar att/);
    assert.match(main, /1 av 12 månader uppfyllda/);
    assert.match(main, /Riktad trafikkontroll – Lönsboda centrum/);
    const pdf = await v.page.request.get(`${server.url}${publicPath}.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    const bytes = (await pdf.body()).toString("latin1");
    assert.ok(bytes.startsWith("%PDF-"));
    assert.match(bytes, /\/StructTreeRoot/);
    assert.match(bytes, /\/Lang \(sv-SE\)/);
    // The demo's latest promise is still 2024, and its period has ended.
    await v.visit("/t/osby/medborgarlofte", { waitFor: "#promise-map.leaflet-container" });
    assert.match(await v.page.locator("h1").innerText(), /2024/);
    assert.match(await v.page.locator("main").innerText(), /Medborgarlöftets period slutade 31 december 2024/);
  });

  it("works without JavaScript: the activity table stands in for the map", async () => {
    v = await openVisitor(browser, server.url, { javaScriptEnabled: false });
    await v.visit("/t/osby/medborgarlofte");
    assert.ok(await v.page.locator("table caption:has-text('Aktiviteter med plats')").count());
    assert.ok(await v.page.locator('a[href$=".pdf"]').count());
    await clickThrough(v, 'a:has-text("Uppföljning")');
    assert.match(await v.page.locator("h1").innerText(), /Uppföljning/);
  });
});
