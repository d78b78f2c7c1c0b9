// Browser story for accounts, with axe on every page: the tenant's admin invites a new person;
// the invitation lands in the mail outbox (read by the system administrator, as in development);
// the new person opens the link, chooses a first password and signs in. This is where the pages
// behind a one-time link (/aterstall-losenord?token=…) and a stored message (/admin/outbox/:id)
// are checked.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin } from "./pages.ts";
import { e2eServer } from "./server.ts";

describe("accounts in a browser", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;
  const visitors: Visitor[] = [];

  before(async () => {
    [server, browser] = await Promise.all([e2eServer(), launchBrowser()]);
  });
  afterEach(async () => {
    for (const v of visitors.splice(0)) await v.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function submit(v: Visitor, selector: string): Promise<void> {
    await Promise.all([v.page.waitForNavigation({ waitUntil: "load" }), v.page.locator(selector).first().click()]);
    await v.checkA11y();
  }

  it("invites a person, who chooses a first password from the mailed link and signs in", async () => {
    const email = `ny-${Date.now().toString(36)}@osby.example`;
    const admin = await openVisitor(browser, server.url);
    visitors.push(admin);
    const { email: adminEmail, password } = demoLogin("admin");
    await admin.login(adminEmail, password);
    await admin.visit("/t/osby/admin/anvandare");
    await admin.page.locator('input[name="email"]').fill(email);
    await admin.page.locator('input[name="name"]').fill("Nora Nyanställd");
    await admin.page.locator('select[name="role"]').selectOption("lasare");
    await submit(admin, 'form[action="/t/osby/admin/anvandare"] button[type="submit"]');
    assert.match(await admin.page.locator("main").innerText(), new RegExp(email.replace(/[.]/g, "\\.")));

    // The demo admin is also system administrator: the outbox shows the invitation.
    await admin.visit("/admin/outbox");
    const link = admin.page.locator("main table a").first();
    assert.match(await link.innerText(), /inbjud|Inbjud|konto|Trygg/i);
    await submit(admin, "main table a");
    assert.match(new URL(admin.page.url()).pathname, /^\/admin\/outbox\/[0-9a-f-]{36}$/);
    const body = await admin.page.locator("main").innerText();
    assert.ok(body.includes(email), "meddelandet är till den inbjudna");
    const href = await admin.page.locator('main a[href*="/aterstall-losenord?token="]').first().getAttribute("href");
    assert.ok(href, "ingen länk i inbjudan");

    const invited = await openVisitor(browser, server.url);
    visitors.push(invited);
    await invited.visit(new URL(href).pathname + new URL(href).search);
    assert.equal(await invited.page.locator('input[name="username"]').inputValue(), email);
    await invited.page.locator('input[name="password"]').fill("ett-långt-nytt-lösenord");
    await invited.page.locator('input[name="password_repeat"]').fill("ett-långt-nytt-lösenord");
    await submit(invited, 'form[action="/aterstall-losenord"] button[type="submit"]');
    assert.equal(new URL(invited.page.url()).pathname, "/logga-in");
    await invited.login(email, "ett-långt-nytt-lösenord");
    assert.match(new URL(invited.page.url()).pathname, /^\/t\/osby\/arbete/);
  });
});
