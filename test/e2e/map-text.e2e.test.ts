// Text on maps is text: an activity title that looks like HTML reaches Leaflet's tooltip as
// literal characters, never as markup (the CSP would only stop an injected handler, not the
// element). The police log such an activity; a resident opens the public promise page.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

const TITLE = `<img src=x onerror="window.__x=1">Trafik ${Date.now().toString(36)}`;

describe("map tooltips show activity titles as text", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;

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

  it("never turns an activity title into an element on the public promise page", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const police = demoLogin("polis");
    await v.login(police.email, police.password);
    await v.visit("/t/osby/arbete/medborgarloften/aktivitet");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator('main a[href*="aktivitet?lofte="]').first().click()]);
    await v.checkA11y();
    await page.locator("#f-title").fill(TITLE);
    await page.locator("main details summary").click();
    await page.locator("#f-lat").fill("56.3975");
    await page.locator("#f-lon").fill("14.3190");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator('main form button[type="submit"]').click()]);
    await v.checkA11y();
    assert.match((await page.locator(".flash").textContent()) ?? "", /Aktiviteten är sparad/);
    const documentId = /\/arbete\/medborgarloften\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(documentId, page.url());
    await v.close();

    // A resident, without an account.
    v = await openVisitor(browser, server.url);
    const pub = v.page;
    await v.visit(`/t/osby/medborgarlofte/${documentId}`, { waitFor: "#promise-map.leaflet-container" });
    // The table twin shows the title literally.
    assert.ok((await pub.locator("table td").allTextContents()).includes(TITLE), "the table shows the title as text");
    // Open every marker's tooltip and find ours.
    const markers = pub.locator("#promise-map path.leaflet-interactive");
    const n = await markers.count();
    assert.ok(n > 0, "markers drawn");
    let found: string | null = null;
    for (let i = 0; i < n && !found; i++) {
      await markers.nth(i).dispatchEvent("mouseover");
      const texts = await pub.locator("#promise-map .leaflet-tooltip").allTextContents();
      found = texts.find((x) => x.includes("Trafik")) ?? null;
      await markers.nth(i).dispatchEvent("mouseout");
    }
    assert.ok(found, "the activity's tooltip opened");
    assert.ok(found.includes(TITLE), `tooltip shows the title literally: ${found}`);
    const injected = await pub.evaluate(() => ({
      imgs: document.querySelectorAll("#promise-map img, .leaflet-tooltip img, .leaflet-popup img").length,
      anyX: document.querySelectorAll('img[src="x"]').length,
      flag: (window as unknown as { __x?: number }).__x ?? null,
    }));
    assert.deepEqual(injected, { imgs: 0, anyX: 0, flag: null });
  });
});
