// Browser story for staff: sign in through the login form as the Osby samordnare and reach the
// staff start page; sign out again. axe runs on every page.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

describe("staff pages in a browser", () => {
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

  it("signs the samordnare in and shows the staff start page", async () => {
    v = await openVisitor(browser, server.url);
    const { email, password } = demoLogin("samordnare");
    await v.login(email, password);
    await v.visit("/t/osby/arbete");
    assert.match(await v.page.locator("h1").innerText(), /Osby/);
    assert.match(await v.page.locator("main").innerText(), /[Ss]amordnare/);
    // Staff see the staff entry in the navigation.
    assert.ok(await v.page.locator('nav a[href="/t/osby/arbete"]').count());
  });

  it("sends a visitor who is not signed in from the staff page to the login page", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/t/osby/arbete");
    assert.equal(new URL(v.page.url()).pathname, "/logga-in");
  });

  it("keeps the form and says what is wrong on a bad password", async () => {
    v = await openVisitor(browser, server.url);
    await v.visit("/logga-in?tenant=osby");
    await v.page.locator('input[name="email"]').fill("samordnare@osby.demo");
    await v.page.locator('input[name="password"]').fill("fel-lösenord-123");
    await Promise.all([v.page.waitForNavigation(), v.page.locator('form[action="/logga-in"] button[type="submit"]').click()]);
    await v.checkA11y();
    assert.equal(new URL(v.page.url()).pathname, "/logga-in");
    assert.equal(await v.page.locator('input[name="email"]').inputValue(), "samordnare@osby.demo");
    assert.ok(await v.page.locator(".error-summary, [role=alert]").count(), "inget felmeddelande");
  });
});
