// Browser stories for medborgarvandringar, with axe on every page: the coordinator plans a walk
// and publishes the invitation; residents sign up (with and without JavaScript) until it is full
// and send a viewpoint by tapping the map; a participant captures observations on a phone with
// the network cut — three kept on the phone, sent when the network is back, exactly three on the
// server — and one whose answer is lost on the way is stored once; an owner closes an action only
// with a feedback text; the public sees the updated protocol and its PDF.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_ACTION_IDS, DEMO_WALK_IDS } from "../../src/modules/walks/index.ts";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

describe("medborgarvandringar in a browser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  let v: Visitor | null = null;
  const title = `Medborgarvandring i Killeberg (test ${randomUUID().slice(0, 8)})`;
  let walkPath = "";

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

  async function submit(visitor: Visitor, selector: string): Promise<void> {
    await Promise.all([visitor.page.waitForNavigation({ waitUntil: "load" }), visitor.page.locator(selector).first().click()]);
    await visitor.checkA11y();
  }

  const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

  it("lets the coordinator plan a walk and publish its invitation, with the darkness worked out", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const { email, password } = demoLogin("samordnare");
    await v.login(email, password);
    await v.visit("/t/osby/arbete/vandringar/ny", { waitFor: "#walk-plan-map.leaflet-container" });
    await page.locator("#f-title").fill(title);
    await page.locator("#f-date").fill(inTwoWeeks());
    await page.locator("#f-start_time").fill("19:00");
    await page.locator("#f-end_time").fill("20:30");
    await page.locator("#f-meeting_point").fill("Busshållplatsen i Killeberg");
    await page.locator('[id="f-stops.0.name"]').fill("Busshållplatsen");
    await page.locator('[id="f-stops.0.lat"]').fill("56,4672");
    await page.locator('[id="f-stops.0.lon"]').fill("14,1003");
    await page.locator('[id="f-stops.1.name"]').fill("Skolgården");
    // A tap on the map fills the next empty stop's position.
    await page.locator("#walk-plan-map").click({ position: { x: 120, y: 90 } });
    assert.notEqual(await page.locator('[id="f-stops.1.lat"]').inputValue(), "");
    await page.locator("#f-signup_cap").fill("3");
    await submit(v, 'form.walk-plan button[type="submit"]');
    assert.match(await page.locator(".flash").innerText(), /Vandringen är planerad/);
    assert.match(await page.locator("main").innerText(), /Det är mörkt under hela vandringen/);
    walkPath = new URL(page.url()).pathname;
    await submit(v, `form[action="${walkPath}/publicera"] button`);
    assert.match(await page.locator(".flash").innerText(), /Inbjudan är publicerad/);
  });

  it("lets residents sign up (name optional) until the walk is full, with and without JavaScript", async () => {
    const publicPath = walkPath.replace("/arbete/vandringar/", "/vandringar/");
    v = await openVisitor(browser, server.url, { javaScriptEnabled: false });
    await v.visit(publicPath);
    await v.page.locator("#f-party_size").fill("2");
    await submit(v, `form[action="${publicPath}/anmalan"] button`);
    assert.match(await v.page.locator(".flash").innerText(), /Nu är 2 av 3 platser tagna/);
    await v.page.locator("#f-party_size").fill("2");
    await submit(v, `form[action="${publicPath}/anmalan"] button`);
    assert.match(await v.page.locator(".error-summary").innerText(), /1 av 3 platser är kvar/);
    await v.close();

    v = await openVisitor(browser, server.url);
    await v.visit(publicPath);
    await v.page.locator("#f-name").fill("Åsa");
    await submit(v, `form[action="${publicPath}/anmalan"] button`);
    assert.match(await v.page.locator("main").innerText(), /Vandringen är fullbokad \(3 platser\)/);
  });

  it("lets a resident send a förmöte viewpoint by tapping the map", async () => {
    v = await openVisitor(browser, server.url);
    const path = `/t/osby/vandringar/${DEMO_WALK_IDS.coming}`;
    await v.visit(path, { waitFor: "#viewpoint-map.leaflet-container" });
    await v.page.locator("#viewpoint-map").click({ position: { x: 150, y: 100 } });
    assert.match(await v.page.locator("#f-lat").inputValue(), /^5\d\.\d+/);
    await v.page.locator("#f-body").fill("Det är mörkt på gångvägen bakom stationen.");
    await submit(v, `form[action="${path}/synpunkter"] button[type="submit"]`);
    assert.match(await v.page.locator(".flash").innerText(), /Tack för din synpunkt/);
  });

  async function queueStates(page: Page): Promise<string[]> {
    return page.locator("[data-queue-item]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.state ?? ""));
  }

  it("captures three observations with the network cut and finds exactly three on the server afterwards; a lost answer stores once", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const { email, password } = demoLogin("polis");
    await v.login(email, password);
    const capturePath = `${walkPath}/falt`;
    await v.visit(capturePath, { waitFor: "#capture-map.leaflet-container" });
    // The service worker takes over the page; a reload fetches it through the worker, which keeps a copy.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload({ waitUntil: "load" });
    await v.checkA11y();
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the page is controlled by the service worker");

    await v.context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    assert.match(await page.locator("[data-network-status]").innerText(), /utan nät/);
    const observations = [
      { category: "belysning", lat: "56.4672", lon: "14.1003", text: "Lampan vid hållplatsen är trasig." },
      { category: "vaxtlighet", lat: "56.4675", lon: "14.1010", text: "Buskarna skymmer gångvägen." },
      { category: "klotter", lat: "56.4669", lon: "14.0998", text: "Klotter på väderskyddet." },
    ];
    for (const o of observations) {
      await page.locator("#f-category").selectOption(o.category);
      await page.locator("#f-lat").fill(o.lat);
      await page.locator("#f-lon").fill(o.lon);
      await page.locator("#f-description").fill(o.text);
      await page.locator('form.walk-capture button[type="submit"]').click();
      await page.waitForFunction((n) => document.querySelectorAll("[data-queue-item]").length === n, observations.indexOf(o) + 1);
    }
    assert.deepEqual(await queueStates(page), ["pending", "pending", "pending"]);
    await v.checkA11y();

    await v.context.setOffline(false);
    await page.waitForFunction(() => [...document.querySelectorAll("[data-queue-item]")].every((e) => (e as HTMLElement).dataset.state === "done"), null, {
      timeout: 30_000,
    });
    const walkId = walkPath.split("/").pop();
    const stored = async () => {
      const res = await page.request.get(`/api/t/osby/walks/${walkId}/observations`);
      assert.equal(res.status(), 200);
      return (await res.json()).observations as Array<{ id: string; description: string }>;
    };
    const first = await stored();
    assert.equal(first.length, 3, "exactly three observations on the server");
    assert.deepEqual(first.map((o) => o.description).sort(), observations.map((o) => o.text).sort());

    // A flaky network: the server stores the fourth observation but its answer never arrives. The
    // phone keeps it queued and sends it again; the server stores it once.
    let cut = true;
    v.expectFailedRequests(/\/observations\/[0-9a-f-]{36}$/);
    await page.route(/\/api\/t\/osby\/walks\/.*\/observations\/[0-9a-f-]{36}$/, async (route) => {
      if (cut && route.request().method() === "PUT") {
        cut = false;
        await route.fetch();
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    });
    await page.locator("#f-category").selectOption("trasigt");
    await page.locator("#f-lat").fill("56.4671");
    await page.locator("#f-lon").fill("14.1006");
    await page.locator("#f-description").fill("Porten går inte i lås.");
    const lost = page.waitForEvent("requestfailed", (r) => /\/observations\/[0-9a-f-]{36}$/.test(r.url()));
    await page.locator('form.walk-capture button[type="submit"]').click();
    await lost;
    assert.equal(cut, false, "the first send was cut");
    assert.equal((await queueStates(page)).filter((s) => s === "pending").length, 1, "the phone still has it queued");
    assert.equal((await stored()).length, 4, "the server stored it although the phone never heard");
    // The network comes and goes: the phone sends again.
    await v.context.setOffline(true);
    await v.context.setOffline(false);
    await page.waitForFunction(() => [...document.querySelectorAll("[data-queue-item]")].every((e) => (e as HTMLElement).dataset.state === "done"), null, {
      timeout: 30_000,
    });
    const after = await stored();
    assert.equal(after.length, 4, "sent twice, stored once");
    assert.equal(after.filter((o) => o.description === "Porten går inte i lås.").length, 1);
    await page.unroute(/observations/);
  });

  it("lets an owner close an action only with a feedback text, and the public sees the updated protocol and PDF", async () => {
    v = await openVisitor(browser, server.url);
    const page = v.page;
    const { email, password } = demoLogin("atgardsagare");
    await v.login(email, password);
    await v.visit("/t/osby/arbete/vandringar/mina-atgarder");
    await submit(v, `a[href="/t/osby/arbete/vandringar/atgarder/${DEMO_ACTION_IDS.tunnelLight}"]`);
    await page.locator("#f-status").selectOption("atgardad");
    await page.locator("#f-public_feedback").fill("");
    await submit(v, 'form[action$="/status"] button');
    assert.match(await page.locator(".error-summary").innerText(), /Skriv en återkoppling till invånarna/);
    await page.locator("#f-public_feedback").fill("Belysningen i gångtunneln är lagad med nya LED-armaturer.");
    await submit(v, 'form[action$="/status"] button');
    assert.match(await page.locator(".flash").innerText(), /Åtgärden är uppdaterad/);
    await v.close();

    v = await openVisitor(browser, server.url);
    await v.visit(`/t/osby/vandringar/${DEMO_WALK_IDS.rewalk2022}`, { waitFor: "#walk-map.leaflet-container" });
    const main = await v.page.locator("main").innerText();
    assert.match(main, /Belysningen i gångtunneln är lagad med nya LED-armaturer\./);
    assert.match(main, /Återvandring: före och efter/);
    const pdf = await v.page.request.get(`/t/osby/vandringar/${DEMO_WALK_IDS.rewalk2022}.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    assert.ok((await pdf.body()).subarray(0, 5).equals(Buffer.from("%PDF-")));
  });
});
