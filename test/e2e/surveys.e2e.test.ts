// Browser stories for the safety survey, with axe on every page: a resident answers the Osby
// demo's open survey on a phone in Arabic, right to left, with JavaScript switched off; the
// coordinator watches the answers come in, is refused an import file with an unknown area (every
// bad row listed), and shows perceived safety beside reported crime for Lönsboda.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { DEMO_SURVEY_IDS } from "../../src/modules/surveys/demo/seed.ts";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

describe("safety survey in a browser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;
  const open = `/t/osby/enkat/${DEMO_SURVEY_IDS.open}`;

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

  /** Press a submit button and wait for the page that follows (redirects included), then run axe. */
  async function submit(visitor: Visitor, selector: string): Promise<void> {
    await Promise.all([visitor.page.waitForNavigation({ waitUntil: "load" }), visitor.page.locator(selector).first().click()]);
    await visitor.checkA11y();
  }

  it("lets a resident answer on a phone in Arabic, right to left, without JavaScript", async () => {
    v = await openVisitor(browser, server.url, { javaScriptEnabled: false });
    const page = v.page;
    await page.setViewportSize({ width: 360, height: 740 });
    await v.visit(`${open}?lang=ar`);
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
    assert.equal(await page.locator("html").getAttribute("lang"), "ar");
    // The page is laid out right to left: the heading starts at the right edge.
    const h1 = await page.locator("main h1").boundingBox();
    assert.ok(h1 && h1.x + h1.width > 300, "the Arabic heading sits against the right edge");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px)`);
    // The skip link is the first stop of the Tab key and comes into view, inside the page, when focused.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.className), "skip-link");
    const skip = await page.locator(".skip-link").boundingBox();
    assert.ok(skip && skip.y >= 0 && skip.x >= 0 && skip.x + skip.width <= 360, `the focused skip link is on screen (${JSON.stringify(skip)})`);

    await submit(v, 'form[action$="/start"] button[type="submit"]');
    assert.match(page.url(), /\/sida\/1\?lang=ar$/);
    assert.match(await page.locator("main").innerText(), /في أي منطقة تسكن؟/);
    await page.getByLabel("Lönsboda").check();
    await page.locator('input[name="q.kon"][value="kvinna"]').check();
    await page.locator('input[name="q.ar_i_omradet"]').fill("ett");
    await submit(v, 'button[name="action"][value="next"]');
    // A word where a number belongs: the error is shown, the choices are still there.
    assert.match(await page.locator(".error-summary").innerText(), /Skriv ett tal mellan 0 och 99/);
    assert.ok(await page.getByLabel("Lönsboda").isChecked());
    await page.locator('input[name="q.ar_i_omradet"]').fill("7");
    await submit(v, 'button[name="action"][value="next"]');
    assert.match(page.url(), /\/sida\/2\?lang=ar$/);
    await page.locator('input[name="q.fortkorning"][value="mycket_stort"]').check();
    // Next through the remaining pages, answering one question on each.
    for (let guard = 0; guard < 10 && /\/sida\//.test(page.url()); guard++) {
      const radios = page.locator('main input[type="radio"]');
      if ((await radios.count()) > 0) await radios.first().check();
      const last = (await page.locator('button[name="action"][value="submit"]').count()) > 0;
      await submit(v, last ? 'button[name="action"][value="submit"]' : 'button[name="action"][value="next"]');
    }
    assert.match(page.url(), /\/tack\?lang=ar$/);
    assert.match(await page.locator("main h1").innerText(), /شكراً على إجاباتك!/);
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
  });

  it("lets the coordinator follow the round, refuses a bad import file, and shows perceived beside reported", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const coordinator = demoLogin("samordnare");
    await v.login(coordinator.email, coordinator.password);
    await v.visit("/t/osby/arbete/trygghetsmatning");
    await submit(v, `a[href="/t/osby/arbete/trygghetsmatning/${DEMO_SURVEY_IDS.open}"]`);
    assert.match(await page.locator("#live-h").innerText(), /Svar hittills/);
    assert.ok((await page.locator(".survey-qr svg").count()) === 1, "the QR code is on the page");

    await v.visit("/t/osby/arbete/trygghetsmatning/import");
    await page.locator("#f-file").setInputFiles({
      name: "polisen-2023.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("år;område;fråga;index\n2023;Lönsboda;fortkorning;2,4\n2023;Killeberg;fortkorning;1,9\n2023;Osby tätort;okand_fraga;1\n"),
    });
    await submit(v, 'form[enctype="multipart/form-data"] button[type="submit"]');
    const errors = await page.locator(".error-summary").innerText();
    assert.match(errors, /Filen importerades inte: 2 rader har fel/);
    assert.match(errors, /Rad 3: Okänt område ”Killeberg”/);
    assert.match(errors, /Rad 4: Okänd fråga ”okand_fraga”/);

    await v.visit("/t/osby/trygghetsmatning/jamforelse/lonsboda");
    assert.match(await page.locator("h1").innerText(), /Upplevt och anmält: Lönsboda/);
    assert.ok((await page.locator(".survey-statements li").count()) > 0);
    assert.ok((await page.locator("figure.survey-chart svg").count()) >= 2, "perceived and reported charts");
    assert.ok((await page.locator("#compare-caption").count()) === 1, "the same figures as a table");
  });
  it("lets the coordinator close the open round and publish it, asked first what becomes public", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const coordinator = demoLogin("samordnare");
    await v.login(coordinator.email, coordinator.password);
    const round = `/t/osby/arbete/trygghetsmatning/${DEMO_SURVEY_IDS.open}`;
    await v.visit(round);
    await submit(v, 'form[action$="/stang"] button[type="submit"]');
    await submit(v, 'form[action$="/publicera"] button[type="submit"]');
    // The confirmation page: what becomes public, a button to go on and a way back that changes nothing.
    assert.match(await page.locator("main h1").innerText(), /^Publicera resultaten för 2026\?$/);
    assert.match(await page.locator("main .lead").innerText(), /blir offentliga/);
    assert.equal(await page.locator(`form.confirm-form a[href="${round}"]`).count(), 1);
    const before = await page.context().request.get(`${server.url}/t/osby/trygghetsmatning/2026`);
    assert.equal(before.status(), 404, "asked, not yet published");
    await submit(v, 'form.confirm-form button[type="submit"]');
    assert.match(await page.locator("main").innerText(), /Resultatet är publicerat/);
    await v.visit("/t/osby/trygghetsmatning/2026");
    assert.match(await page.locator("main h1").innerText(), /2026/);
  });
});
