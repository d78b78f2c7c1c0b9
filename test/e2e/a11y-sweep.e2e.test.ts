// The accessibility sweep: every page in pages.ts, for each viewer it lists (anonymous, or signed
// in as the Osby demo user of a role), with axe (WCAG 2.0/2.1 A and AA) failing on any violation
// and the reflow check (WCAG 1.4.10) failing when the page scrolls sideways or something in it
// sticks out at 320 CSS px or at desktop width (1280 px) — see Visitor.checkReflow.
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, openVisitor, type Visitor } from "./browser.ts";
import { demoLogin, sweepPages } from "./pages.ts";
import { e2eServer } from "./server.ts";

// Top-level await: the test tree is built from the modules' lists.
const pages = await sweepPages();

describe("accessibility sweep (axe and reflow at 320 px and 1280 px on every listed page)", () => {
  let server: Awaited<ReturnType<typeof e2eServer>>;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([e2eServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const viewers = [...new Set(pages.flatMap((p) => p.viewers))];
  for (const viewer of viewers) {
    const list = pages.filter((p) => p.viewers.includes(viewer));
    describe(viewer === "public" ? "anonymous visitor" : `signed in as ${viewer}`, () => {
      // One browser context per viewer: sign in once, then visit each page.
      let v: Visitor;
      before(async () => {
        v = await openVisitor(browser, server.url, { reflow: true });
        if (viewer !== "public") {
          const { email, password } = demoLogin(viewer);
          await v.login(email, password);
          v.assertClean();
        }
      });
      after(async () => v?.close());
      for (const spec of list) {
        it(`${spec.name} (${spec.path})`, async () => {
          await v.visit(spec.path, { status: spec.status, waitFor: spec.waitFor });
          v.assertClean();
        });
      }
    });
  }
});
