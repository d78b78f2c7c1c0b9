// Browser stories for a resident: the list of municipalities, Osby's start page with its map and
// the table alternative, language switch, skip link, accessibility statement, error pages, the
// login page, the API documentation, and the start page without JavaScript. axe runs on every page.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { e2eServer } from "./server.ts";

describe("public pages in a browser", () => {
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

  it("lists the municipalities and leads to Osby", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/");
    assert.equal(await v.page.locator("html").getAttribute("lang"), "sv");
    await Promise.all([v.page.waitForNavigation(), v.page.getByRole("link", { name: /Osby/ }).first().click()]);
    assert.equal(new URL(v.page.url()).pathname, "/t/osby");
    await v.checkA11y();
  });

  it("shows Osby's start page with the boundary on a Leaflet map and a table alternative", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/t/osby", { waitFor: "#tenant-map.leaflet-container" });
    assert.match(await v.page.locator("h1").innerText(), /Osby/);
    // Leaflet drew the boundary and the two survey areas with geometry as SVG paths.
    await v.page.waitForSelector("#tenant-map .leaflet-overlay-pane path");
    assert.ok((await v.page.locator("#tenant-map .leaflet-overlay-pane path").count()) >= 3);
    const box = await v.page.locator("#tenant-map").boundingBox();
    assert.ok(box && box.height > 100 && box.width > 100, "kartan har ingen yta");
    // The same information as a table.
    const table = v.page.locator("table", { has: v.page.locator("caption") });
    await table.first().waitFor();
    const rows = await table.first().locator("tbody tr").allInnerTexts();
    assert.ok(rows.some((r) => r.includes("Osby tätort")));
    assert.ok(rows.some((r) => r.includes("Lönsboda")));
    assert.ok(rows.some((r) => r.includes("Osby landsbygd")));
  });

  it("switches to English and back", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/t/osby");
    await Promise.all([v.page.waitForNavigation(), v.page.locator('a[hreflang="en"]').click()]);
    await v.checkA11y();
    assert.equal(await v.page.locator("html").getAttribute("lang"), "en");
    assert.match(await v.page.locator("h1").innerText(), /Safety work in Osby/);
    // The choice sticks (cookie) on the next page without ?lang.
    await v.visit("/tillganglighet");
    assert.equal(await v.page.locator("html").getAttribute("lang"), "en");
    await Promise.all([v.page.waitForNavigation(), v.page.locator('a[hreflang="sv"]').click()]);
    await v.checkA11y();
    assert.equal(await v.page.locator("html").getAttribute("lang"), "sv");
  });

  it("has a skip link as the first focusable element that moves focus to main", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/t/osby");
    await v.page.keyboard.press("Tab");
    const first = await v.page.evaluate(() => {
      const el = document.activeElement as HTMLAnchorElement | null;
      return { tag: el?.tagName, href: el?.getAttribute("href"), text: el?.textContent?.trim(), visible: !!el && el.getBoundingClientRect().height > 0 };
    });
    assert.equal(first.tag, "A");
    assert.equal(first.href, "#main");
    assert.match(first.text ?? "", /innehåll/i);
    assert.ok(first.visible, "hopplänken syns inte när den har fokus");
    await v.page.keyboard.press("Enter");
    const focused = await v.page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, "main");
  });

  it("publishes the accessibility statement, linked from every page", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/t/osby");
    await Promise.all([
      v.page.waitForNavigation(),
      v.page
        .locator("footer")
        .getByRole("link", { name: /tillgänglighet/i })
        .click(),
    ]);
    await v.checkA11y();
    assert.equal(new URL(v.page.url()).pathname, "/t/osby/tillganglighet");
    assert.match(await v.page.locator("h1").innerText(), /[Tt]illgänglighet/);
    // The municipality's own contact address, and Digg's report form.
    assert.ok(await v.page.locator('main a[href="mailto:trygghet@osby.demo"]').count());
    assert.ok(await v.page.locator('main a[href="https://www.digg.se/tdosanmalan"]').count());
  });

  it("answers an unknown page with a friendly 404 page", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/t/osby/finns-inte", { status: 404 });
    assert.match(await v.page.locator("h1").innerText(), /finns inte/i);
    assert.ok(await v.page.locator("main a[href]").count(), "ingen länk tillbaka");
    await v.visit("/finns-inte-alls", { status: 404 });
  });

  it("shows the login page with labelled fields", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/logga-in?tenant=osby");
    await v.page
      .getByLabel(/e-post/i)
      .first()
      .waitFor();
    await v.page
      .getByLabel(/lösenord/i)
      .first()
      .waitFor();
  });

  it("renders the API documentation", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/api/docs", { waitFor: "h1" });
    assert.match(await v.page.locator("h1").innerText(), /API-dokumentation/);
    assert.ok((await v.page.locator("article.api-op").count()) > 50, "every operation is listed");
    assert.match(await v.page.locator("main").innerText(), /GET \/t\/\{tenant\}\/medborgarlofte/);
    const spec = await v.page.request.get(new URL("/api/openapi.json", server.url).toString());
    assert.equal(spec.status(), 200);
    assert.equal((await spec.json()).openapi, "3.1.0");
  });

  it("works without JavaScript: Osby's start page keeps its content and table", async () => {
    v = await openVisitor(browser, server.url, { javaScriptEnabled: false });
    await v.visit("/t/osby");
    assert.equal(await v.page.locator(".leaflet-container").count(), 0);
    assert.match(await v.page.locator("h1").innerText(), /Osby/);
    const rows = await v.page.locator("table tbody tr").allInnerTexts();
    assert.ok(rows.some((r) => r.includes("Lönsboda")));
    await v.visit("/t/osby?lang=en");
    assert.match(await v.page.locator("h1").innerText(), /Safety work in Osby/);
  });
});
