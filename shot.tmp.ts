import { startTrygg } from "/work/main/test/e2e/server.ts";
import { launchBrowser, openVisitor } from "/work/main/test/e2e/browser.ts";
const s = await startTrygg({ env: { PUBLIC_WRITE_RATE_LIMIT: "1000" } });
const b = await launchBrowser();
try {
  const v = await openVisitor(b, s.url);
  await v.page.goto(s.url + "/logga-in?tenant=osby");
  await v.page.fill('input[name="email"]', "polis@osby.demo");
  await v.page.fill('input[name="password"]', "trygg-demo-2026");
  await Promise.all([v.page.waitForNavigation(), v.page.click('form[action="/logga-in"] button[type="submit"]')]);
  await v.page.setViewportSize({ width: 1280, height: 900 });
  await v.page.goto(s.url + "/t/osby/arbete/hotspots/6f1c2a90-2001-4a7e-9d3b-0e5a0b7c2001");
  await v.page.waitForSelector("#hotspot-map.leaflet-container");
  await v.page.screenshot({ path: "/tmp/run.png", fullPage: false });
  await v.page.locator("#emerging-map").scrollIntoViewIfNeeded();
  await v.page.screenshot({ path: "/tmp/run2.png" });
  console.log("rows", await v.page.locator("table.cells").first().locator("tbody tr").count(), await v.page.locator("table.cells").nth(1).locator("tbody tr").count());
  await v.page.goto(s.url + "/t/osby/arbete/hotspots");
  await v.page.screenshot({ path: "/tmp/form.png", fullPage: true });
  await v.page.goto(s.url + "/t/osby/arbete");
  await v.page.screenshot({ path: "/tmp/staff.png", fullPage: true });
} finally { await b.close(); await s.stop(); }
