// Browser story for hot spots, with axe on every page: the coordinator uploads a small seeded CSV
// of incidents (setInputFiles), first with a distance band below the cell size (the form says so
// and keeps what was typed and the file), then correctly; the run page shows the Leaflet map, the
// legend, the places in words, the skipped-row report, and the CSV downloads. The demo run reads
// on a 320 px phone without sideways scrolling and stays short; on a desktop its map draws the
// boundary, the areas and the named places.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { incidentCsv } from "../../src/modules/analysis/testing.ts";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { DEMO_RUN_ID } from "../../src/modules/analysis/index.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

describe("hot spots in a browser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;
  let dir = "";
  let csvPath = "";
  let badLines: number[] = [];

  before(async () => {
    [server, browser] = await Promise.all([e2eServer(), launchBrowser()]);
    dir = mkdtempSync(join(tmpdir(), "trygg-hotspots-e2e-"));
    const csv = incidentCsv({ n: 300, cluster: 200, weeks: 6, seed: 2026, bad: 2 });
    badLines = csv.badLines;
    csvPath = join(dir, "est-händelser.csv");
    writeFileSync(csvPath, csv.text);
  });
  afterEach(async () => {
    const visitor = v;
    v = null;
    await visitor?.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function submit(visitor: Visitor): Promise<void> {
    await Promise.all([
      visitor.page.waitForNavigation({ waitUntil: "load" }),
      visitor.page.locator('form[action="/t/osby/arbete/hotspots"] button[type="submit"]').click(),
    ]);
    await visitor.checkA11y();
  }

  it("uploads a CSV, explains a bad band, and shows map, table, report and CSV", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const who = demoLogin("samordnare");
    await v.login(who.email, who.password);
    await v.visit("/t/osby/arbete");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator('a[href="/t/osby/arbete/hotspots"]').first().click()]);
    await v.checkA11y();

    // A band below the cell size: the form explains, keeps what was typed and the uploaded file.
    await page.locator("#f-file").setInputFiles(csvPath);
    await page.locator("#f-cell_size").fill("100");
    await page.locator("#f-band").fill("50");
    await page.locator("#f-emerging").check();
    await submit(v);
    assert.equal(await page.locator(".error-summary").count(), 1);
    assert.match(await page.locator("#f-band-error").innerText(), /minst lika stort som cellstorleken/);
    assert.equal(await page.locator("#f-band").inputValue(), "50");
    assert.equal(await page.locator("#f-emerging").isChecked(), true);
    const chosen = await page.locator("#f-dataset_id option:checked").innerText();
    assert.match(chosen, /est-händelser\.csv/, "the uploaded file is kept and chosen");

    await page.locator("#f-band").fill("250");
    await submit(v);
    assert.match(new URL(page.url()).pathname, /^\/t\/osby\/arbete\/hotspots\/[0-9a-f-]{36}$/);
    await page.waitForSelector("#hotspot-map.leaflet-container");
    await v.checkA11y();
    assert.ok((await page.locator("#hotspot-map path.leaflet-interactive").count()) > 0, "cells drawn on the map");
    assert.match(await page.locator(".legend").first().innerText(), /Signifikant koncentration \(99 % säkerhet, efter korrektion för många test\)/);
    assert.ok((await page.locator("table.places").first().locator("tbody tr").count()) > 0, "the places are listed");
    const rows = await page.locator("table.cells").first().locator("tbody tr").count();
    assert.ok(rows > 0, "cell by cell behind a details element");
    const main = await page.locator("main").innerText();
    assert.match(main, /2 rader hoppades över/);
    for (const line of badLines) assert.ok(main.includes(String(line)), `line ${line} reported`);
    assert.doesNotMatch(main, /Tid per steg|Millisekunder/, "engine timings are for administrators");
    assert.match(main, /Framväxande hot spots/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('a[href$="/resultat.csv"]').click()]);
    const saved = join(dir, "resultat.csv");
    await download.saveAs(saved);
    const text = readFileSync(saved, "utf8");
    assert.match(text, /^cell,ix,iy,e,n,lat,lon,count,gi_z,p,q,class,class_label,place,area\r\n/);
    assert.equal(text.trim().split("\n").length, rows + 1);
  });

  it("reads on a 320 px phone: no sideways scrolling, places in words first, a reasonable length", async () => {
    v = await openVisitor(browser, server.url, { viewport: { width: 320, height: 640 } });
    const who = demoLogin("polis");
    await v.login(who.email, who.password);
    await v.visit(`/t/osby/arbete/hotspots/${DEMO_RUN_ID}`, { waitFor: "#hotspot-map.leaflet-container" });
    const page = v.page;
    const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    assert.ok(size.width <= 320, `no horizontal overflow at 320 px: scrollWidth ${size.width}`);
    assert.ok(size.height < 6000, `the demo run page is ${size.height} px tall at 320 px`);
    const first = await page.locator("table.places").first().locator("tbody tr").first().innerText();
    assert.match(first, /centrala (Osby|Lönsboda)/, "the strongest place first, by name");
    assert.match(first, /Signifikant koncentration \(99 % säkerhet, efter korrektion för många test\)/);
    const main = await page.locator("main").innerText();
    assert.doesNotMatch(main, /\d+_\d+/, "no cell ids");
    assert.doesNotMatch(main, /Millisekunder|Tid per steg/);
    // "Show all" opens in place; the page still fits the screen's width.
    for (const summary of await page.locator("details.more > summary").all()) await summary.click();
    await v.checkA11y();
    const open = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(open <= 320, `no horizontal overflow with every details open: ${open}`);
  });

  it("on a desktop the demo map draws the boundary, the areas and the named places, and administrators see the timings", async () => {
    v = await openVisitor(browser, server.url, { viewport: { width: 1280, height: 900 } });
    const who = demoLogin("admin");
    await v.login(who.email, who.password);
    await v.visit(`/t/osby/arbete/hotspots/${DEMO_RUN_ID}`, { waitFor: "#hotspot-map.leaflet-container" });
    const page = v.page;
    const labels = await page.locator("#hotspot-map .map-place-label").allInnerTexts();
    assert.deepEqual([...labels].sort(), ["Hökön", "Killeberg", "Lönsboda", "Lönsboda centrum", "Osby", "Osby station", "Visseltofta"]);
    assert.ok((await page.locator("#hotspot-map path.leaflet-interactive").count()) > 2, "boundary, areas and cells drawn");
    assert.match(await page.locator("main").innerText(), /Tid per steg/);
    const size = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(size <= 1280);
  });

  it("works without JavaScript: the table carries what the map shows", async () => {
    v = await openVisitor(browser, server.url, { javaScriptEnabled: false });
    const who = demoLogin("lasare");
    await v.login(who.email, who.password);
    await v.visit("/t/osby/arbete/hotspots");
    const link = v.page.locator('a[href^="/t/osby/arbete/hotspots/"]').first();
    const href = await link.getAttribute("href");
    assert.ok(href);
    await v.visit(href);
    assert.ok((await v.page.locator("table.cells tbody tr").count()) > 0);
    assert.equal(await v.page.locator("form[enctype]").count(), 0, "läsare gets no form");
  });
});
