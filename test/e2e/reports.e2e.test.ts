// Browser stories of residents' reports, axe on every page: a resident on a phone reports by
// tapping the map and follows the report by its private link; a resident without JavaScript
// reports by a named place; the text screening shows what was found; a +1 from the report page;
// a coordinator on a desktop handles a report from the inbox (update, status) and the resident
// sees the answer.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

describe("residents' reports in a browser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;
  let followUrl = "";

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

  async function submit(visitor: Visitor): Promise<void> {
    await Promise.all([visitor.page.waitForNavigation({ waitUntil: "load" }), visitor.page.locator("form.report-form button[type=submit]").click()]);
    await visitor.checkA11y();
  }

  it("lets a resident on a phone report by tapping the map, and follow the report by the private link", async () => {
    v = await openVisitor(browser, server.url, { viewport: PHONE });
    await v.visit("/t/osby/rapportera", { waitFor: "#report-map.leaflet-container" });
    const page = v.page;
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, "no sideways scrolling on a phone");
    await page.getByLabel("Mörk plats / belysning").check();
    // Tap the map near its centre: the island fills the coordinates.
    await page.locator("#report-map").scrollIntoViewIfNeeded();
    const box = (await page.locator("#report-map").boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.5);
    await page.waitForFunction(() => (document.querySelector('input[name="lat"]') as HTMLInputElement | null)?.value !== "");
    assert.match(await page.locator(".pick-status").innerText(), /Vald plats:/);
    await page.getByLabel("Kväll").check();
    await page.getByLabel("Vad är det som är fel?").fill("Gatlampan vid cykelvägen är trasig, helt mörkt på kvällarna.");
    await page.getByLabel("E-postadress").fill("telefon@exempel.se");
    await submit(v);
    if (/Finns det redan en rapport/.test(await page.locator("main").innerText())) await submit(v);
    assert.match(new URL(page.url()).pathname, /^\/t\/osby\/mitt-arende$/);
    assert.match(await page.locator("h1").innerText(), /Ditt ärende [0-9A-Z]{4}-[0-9A-Z]{4}/);
    assert.match(await page.locator("main").innerText(), /Tack för din rapport/);
    followUrl = page.url().replace("&ny=1", "");
  });

  it("lets a resident without JavaScript report by a named place, and shows what the screening found", async () => {
    v = await openVisitor(browser, server.url, { javaScriptEnabled: false, viewport: PHONE });
    await v.visit("/t/osby/rapportera");
    const page = v.page;
    assert.equal(await page.locator(".pick-map").isVisible(), false, "no map without JavaScript");
    await page.getByLabel("Skadegörelse / klotter").check();
    await page.getByLabel("Namngiven plats").selectOption({ label: "Lönsboda centrum" });
    await page.getByLabel("Beskriv platsen med ord").fill("Elskåpet bakom busskuren");
    await page.getByLabel("Vad är det som är fel?").fill("Nytt klotter på elskåpet, ring 070-123 45 67 om ni undrar.");
    await submit(v);
    assert.match(await page.locator(".privacy-findings").innerText(), /telefonnummer/);
    assert.equal(await page.locator(".privacy-findings mark").first().innerText(), "070-123 45 67");
    assert.equal(await page.getByLabel("Beskriv platsen med ord").inputValue(), "Elskåpet bakom busskuren", "nothing written is lost");
    await page.getByLabel("Vad är det som är fel?").fill("Nytt klotter på elskåpet bakom busskuren.");
    await submit(v);
    if (/Finns det redan en rapport/.test(await page.locator("main").innerText())) await submit(v);
    assert.match(new URL(page.url()).pathname, /^\/t\/osby\/mitt-arende$/);
  });

  it("lets anyone say 'I also feel unsafe here' on a report", async () => {
    v = await openVisitor(browser, server.url, { viewport: DESKTOP });
    await v.visit("/t/osby/rapporter", { waitFor: "#reports-map.leaflet-container" });
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.getByRole("link", { name: "DEM0-0001" }).click()]);
    await v.checkA11y();
    const before = await v.page.locator("dl.facts").innerText();
    const count = Number(/(\d+) person(?:er)? instämmer/.exec(before)?.[1]);
    await v.page.locator(".support").getByLabel("Natt").check();
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.locator(".support button[type=submit]").click()]);
    await v.checkA11y();
    assert.match(await v.page.locator("main").innerText(), /Tack! Din röst är registrerad/);
    assert.match(await v.page.locator("dl.facts").innerText(), new RegExp(`${count + 1} personer instämmer`));
  });

  it("lets a coordinator answer from the inbox, and the resident sees it on the private page", async () => {
    assert.ok(followUrl, "the first story left a report");
    const ref = /Ditt ärende ([0-9A-Z]{4})-([0-9A-Z]{4})/;
    v = await openVisitor(browser, server.url, { viewport: DESKTOP });
    await v.visit(followUrl);
    const m = ref.exec(await v.page.locator("h1").innerText())!;
    const code = `${m[1]}${m[2]}`;
    await v.close();
    v = await openVisitor(browser, server.url, { viewport: DESKTOP });
    const { email, password } = demoLogin("samordnare");
    await v.login(email, password);
    await v.visit("/t/osby/arbete/rapporter");
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.getByRole("link", { name: `${m[1]}-${m[2]}` }).click()]);
    await v.checkA11y();
    await v.page.getByLabel("Uppdatering", { exact: true }).fill("Lampan byts på torsdag.");
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.getByRole("button", { name: "Publicera uppdateringen" }).click()]);
    await v.checkA11y();
    await v.page.getByLabel("Ny status").selectOption("atgardad");
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.getByRole("button", { name: "Spara status" }).click()]);
    await v.checkA11y();
    assert.match(await v.page.locator("main").innerText(), /Statusen är nu: Åtgärdad/);
    await v.visit(`/t/osby/arbete/rapporter/${code}?lang=en`);
    await v.close();
    v = await openVisitor(browser, server.url, { viewport: PHONE });
    await v.visit(followUrl);
    const text = await v.page.locator("main").innerText();
    assert.match(text, /Lampan byts på torsdag\./);
    assert.match(text, /Åtgärdad/);
  });
});
