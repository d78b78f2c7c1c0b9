// Browser story for hot spots, with axe on every page: the coordinator uploads a small seeded CSV
// of incidents (setInputFiles), first with a distance band below the cell size (the form says so
// and keeps what was typed and the file), then correctly; the run page shows the Leaflet map, the
// legend, the table alternative, the skipped-row report and the timings, and the CSV downloads.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { incidentCsv } from "../../src/modules/analysis/testing.ts";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
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
    const csv = incidentCsv({ n: 400, cluster: 150, weeks: 6, seed: 2026, bad: 2 });
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
    assert.match(await page.locator(".legend").first().innerText(), /Hot spot 99 %/);
    const rows = await page.locator("table.cells").first().locator("tbody tr").count();
    assert.ok(rows > 0, "table alternative has the cells");
    const main = await page.locator("main").innerText();
    assert.match(main, /2 rader hoppades över/);
    for (const line of badLines) assert.ok(main.includes(String(line)), `line ${line} reported`);
    assert.match(main, /Tid per steg/);
    assert.match(main, /Framväxande hot spots/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('a[href$="/resultat.csv"]').click()]);
    const saved = join(dir, "resultat.csv");
    await download.saveAs(saved);
    const text = readFileSync(saved, "utf8");
    assert.match(text, /^cell,ix,iy,e,n,lat,lon,count,gi_z,p,q,class,class_label\r\n/);
    assert.equal(text.trim().split("\n").length, rows + 1);
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
