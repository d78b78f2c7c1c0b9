// Browser plumbing for the Playwright tests: Debian's Chromium through playwright-core, and a
// Visitor that runs axe (WCAG 2.0/2.1 A and AA) on EVERY page it lands on. A test that navigates
// (link click, form post, redirect) must call visitor.checkA11y() after; close() fails when some
// page was visited without an axe check, and also on any script error, CSP violation or failed
// sub-resource (a missing island or stylesheet), so those cannot slip by either.
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page, type Response } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}

export type VisitorOptions = { javaScriptEnabled?: boolean; locale?: string; viewport?: { width: number; height: number } };

export class Visitor {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly baseUrl: string;
  private readonly navigated = new Set<string>();
  private readonly checked = new Set<string>();
  private readonly problems: string[] = [];

  private readonly options: VisitorOptions;

  constructor(context: BrowserContext, page: Page, baseUrl: string, options: VisitorOptions = {}) {
    this.options = options;
    this.context = context;
    this.page = page;
    this.baseUrl = baseUrl;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame() && frame.url() !== "about:blank") this.navigated.add(stripHash(frame.url()));
    });
    page.on("pageerror", (err) => this.problems.push(`skriptfel på ${page.url()}: ${err.message}`));
    page.on("console", (msg) => {
      // Failed loads are reported (with their URL) by the response listener below.
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) this.problems.push(`konsolfel på ${page.url()}: ${msg.text()}`);
    });
    page.on("requestfailed", (req) => {
      if (req.url().startsWith(baseUrl)) this.problems.push(`misslyckad hämtning ${req.url()}: ${req.failure()?.errorText ?? "?"}`);
    });
    page.on("response", (res) => {
      const req = res.request();
      if (req.resourceType() !== "document" && res.status() >= 400) this.problems.push(`${res.status()} för ${res.url()} (på ${page.url()})`);
    });
  }

  /** Open a page (path relative to the server), expect its status, and run axe on it. */
  async visit(path: string, opts: { status?: number; waitFor?: string } = {}): Promise<Response> {
    const res = await this.page.goto(new URL(path, this.baseUrl).toString(), { waitUntil: "load" });
    assert.ok(res, `inget svar för ${path}`);
    assert.equal(res.status(), opts.status ?? 200, `${path} svarade ${res.status()}`);
    if (opts.waitFor) await this.page.waitForSelector(opts.waitFor);
    await this.checkA11y();
    return res;
  }

  /** Run axe on the current page; fails with every violation listed. */
  async checkA11y(): Promise<void> {
    const url = this.page.url();
    const results =
      this.options.javaScriptEnabled === false ? await this.analyzeWithoutJs(url) : await new AxeBuilder({ page: this.page }).withTags(AXE_TAGS).analyze();
    this.checked.add(stripHash(url));
    if (results.violations.length === 0) return;
    const lines = results.violations.map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(" ")}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, "\n        ")}` : ""}`)
        .join("\n");
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.nodes.length} st)\n    ${v.helpUrl}\n${nodes}`;
    });
    const report = `axe (${AXE_TAGS.join(", ")}) hittade ${results.violations.length} brott på ${url}:\n${lines.join("\n")}`;
    console.log(report);
    assert.fail(report);
  }

  /**
   * axe needs timers, which do not run in a page with JavaScript disabled. So the page's DOM (what
   * a browser without JavaScript shows) is opened in a twin page with JavaScript on but every
   * script request answered with an empty script, same URL and same styles, and axe runs there.
   */
  private async analyzeWithoutJs(url: string): Promise<AxeResults> {
    const dom = await this.page.content();
    const browser = this.context.browser();
    assert.ok(browser);
    const twin = await browser.newContext({
      locale: this.options.locale ?? "sv-SE",
      timezoneId: "Europe/Stockholm",
      ...(this.options.viewport ? { viewport: this.options.viewport } : {}),
    });
    try {
      const page = await twin.newPage();
      await page.route("**/*", (route) => {
        const req = route.request();
        if (req.isNavigationRequest() && req.url() === url) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: dom });
        if (req.resourceType() === "script") return route.fulfill({ status: 200, contentType: "text/javascript", body: "" });
        return route.continue();
      });
      await page.goto(url, { waitUntil: "load" });
      return await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    } finally {
      await twin.close();
    }
  }

  /** Sign in through the real login form and land (after redirects) on the next page. */
  async login(email: string, password: string, tenant = "osby"): Promise<void> {
    await this.visit(`/logga-in?tenant=${tenant}`);
    await this.page.locator('input[name="email"]').fill(email);
    await this.page.locator('input[name="password"]').fill(password);
    await Promise.all([this.page.waitForNavigation({ waitUntil: "load" }), this.page.locator('form[action="/logga-in"] button[type="submit"]').click()]);
    assert.ok(!new URL(this.page.url()).pathname.startsWith("/logga-in"), `inloggningen som ${email} misslyckades (står kvar på ${this.page.url()})`);
    await this.checkA11y();
  }

  /** Fails on pages visited without an axe check, script errors, CSP violations or failed loads so far. */
  assertClean(): void {
    const unchecked = [...this.navigated].filter((u) => !this.checked.has(u));
    const problems = this.problems.splice(0);
    this.navigated.clear();
    assert.deepEqual(unchecked, [], `sidor besökta utan axe-kontroll: ${unchecked.join(", ")}`);
    assert.deepEqual(problems, [], problems.join("\n"));
  }

  /** Closes the browser context, then fails like assertClean(). */
  async close(): Promise<void> {
    await this.context.close();
    this.assertClean();
  }
}

export async function openVisitor(browser: Browser, baseUrl: string, opts: VisitorOptions = {}): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: opts.locale ?? "sv-SE",
    timezoneId: "Europe/Stockholm",
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
  });
  const page = await context.newPage();
  return new Visitor(context, page, baseUrl, opts);
}
