// Browser plumbing for the Playwright tests: Debian's Chromium through playwright-core, and a
// Visitor that runs axe (WCAG 2.0/2.1 A and AA) and the reflow check (WCAG 1.4.10: no sideways
// scrolling at 320 CSS px, nor at desktop width) on EVERY page it lands on. A test that navigates
// (link click, form post, redirect) must call visitor.checkA11y() after; close() fails when some
// page was visited without those checks, and also on any script error, CSP violation or failed
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

export type VisitorOptions = {
  javaScriptEnabled?: boolean;
  locale?: string;
  /** Check reflow (320 CSS px and desktop width, see checkReflow) on every page axe checks; default on. */
  reflow?: boolean;
  /** A viewport other than the desktop default (story tests of a width). */
  viewport?: { width: number; height: number };
};

/** WCAG 1.4.10: content reflows at 320 CSS px wide (1280 px at 400 % zoom) without sideways scrolling. */
export const NARROW_WIDTH = 320;
export const DESKTOP_WIDTH = 1280;
const VIEWPORT_HEIGHT = 800;

/** What overflows at one width: the page's own sideways scroll and the elements that stick out. */
export type ReflowReport = { width: number; scrollWidth: number; clientWidth: number; offenders: string[] };

/**
 * Measures sideways overflow in the page at its current viewport. An element "sticks out" when its
 * box reaches past the viewport's right edge (or is wider than the viewport), unless it lies inside
 * an allowed scroll container: a `.table-scroll` that is a labelled, keyboard-focusable region
 * (role="region", tabindex="0", aria-label/aria-labelledby), or a map (`.leaflet-container`, which
 * clips its own panes). Visually hidden text (clipped to 1 px) and off-screen skip links are
 * ignored. Such a scroll container that is not labelled and focusable is itself an offender.
 */
export async function measureReflow(page: Page): Promise<ReflowReport> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const vw = doc.clientWidth;
    const offenders: string[] = [];
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` «${text}»` : ""}`;
    };
    const isAllowedScroller = (el: Element): boolean =>
      el.classList.contains("table-scroll") &&
      el.getAttribute("role") === "region" &&
      el.getAttribute("tabindex") === "0" &&
      (el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby"));
    const contained = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (a.classList.contains("leaflet-container")) return true;
        const ox = getComputedStyle(a).overflowX;
        if ((ox === "auto" || ox === "scroll") && isAllowedScroller(a)) return true;
      }
      return false;
    };
    const clipped = (el: Element): boolean => {
      const s = getComputedStyle(el);
      return s.position === "absolute" && (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)");
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right <= 0) continue; // parked off-screen to the left (skip link)
      if (r.right <= vw + 0.5 && r.width <= vw + 0.5) continue;
      if (clipped(el) || contained(el)) continue;
      // Report the outermost offender only: its children stick out because it does.
      const parent = el.parentElement;
      if (parent && parent !== document.body) {
        const pr = parent.getBoundingClientRect();
        if ((pr.right > vw + 0.5 || pr.width > vw + 0.5) && !clipped(parent) && !isAllowedScroller(parent) && !contained(parent)) continue;
      }
      offenders.push(`${describe(el)} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    }
    for (const el of document.querySelectorAll("main *")) {
      const ox = getComputedStyle(el).overflowX;
      if ((ox === "auto" || ox === "scroll") && el.scrollWidth > el.clientWidth && !isAllowedScroller(el) && !el.closest(".leaflet-container")) {
        offenders.push(`${describe(el)}: rullar i sidled men är ingen märkt, fokuserbar region (role="region", tabindex="0", aria-label)`);
      }
    }
    return { width: vw, scrollWidth: doc.scrollWidth, clientWidth: vw, offenders };
  });
}

export class Visitor {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly baseUrl: string;
  private readonly navigated = new Set<string>();
  private readonly checked = new Set<string>();
  private readonly reflowChecked = new Set<string>();
  private readonly problems: string[] = [];
  /** Requests a test makes fail on purpose (a cut network): their failures are not problems. */
  private readonly expectedFailures: RegExp[] = [];

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
      if (req.url().startsWith(baseUrl) && !this.expectedFailures.some((p) => p.test(req.url())))
        this.problems.push(`misslyckad hämtning ${req.url()}: ${req.failure()?.errorText ?? "?"}`);
    });
    page.on("response", (res) => {
      const req = res.request();
      if (req.resourceType() !== "document" && res.status() >= 400) this.problems.push(`${res.status()} för ${res.url()} (på ${page.url()})`);
    });
  }

  /** Failed requests to URLs matching `pattern` are expected (the test cuts them on purpose). */
  expectFailedRequests(pattern: RegExp): void {
    this.expectedFailures.push(pattern);
  }

  /** Open a page (path relative to the server), expect its status, and run axe and the reflow check on it. */
  async visit(path: string, opts: { status?: number; waitFor?: string } = {}): Promise<Response> {
    const res = await this.page.goto(new URL(path, this.baseUrl).toString(), { waitUntil: "load" });
    assert.ok(res, `inget svar för ${path}`);
    assert.equal(res.status(), opts.status ?? 200, `${path} svarade ${res.status()}`);
    if (opts.waitFor) await this.page.waitForSelector(opts.waitFor);
    await this.checkA11y();
    return res;
  }

  /** Run axe on the current page, then the reflow check; fails with every violation listed. */
  async checkA11y(): Promise<void> {
    const url = this.page.url();
    const results =
      this.options.javaScriptEnabled === false ? await this.analyzeWithoutJs(url) : await new AxeBuilder({ page: this.page }).withTags(AXE_TAGS).analyze();
    this.checked.add(stripHash(url));
    if (results.violations.length === 0) {
      if (this.options.reflow !== false) await this.checkReflow();
      return;
    }
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
   * WCAG 1.4.10 reflow: at 320 CSS px wide, and again at desktop width, the page must not scroll
   * sideways and nothing in it may stick out past the viewport except inside a labelled, focusable
   * scroll region or a map (see measureReflow). Leaves the viewport at desktop width.
   */
  async checkReflow(): Promise<void> {
    const url = this.page.url();
    const failures: string[] = [];
    const before = this.page.viewportSize();
    for (const width of [NARROW_WIDTH, DESKTOP_WIDTH]) {
      await this.page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      // Two animation frames: any resize handlers (map islands) have run. (Without JavaScript no
      // frames run; measuring forces layout anyway.)
      if (this.options.javaScriptEnabled !== false) await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const rep = await measureReflow(this.page);
      if (rep.scrollWidth > rep.clientWidth || rep.offenders.length > 0) {
        failures.push(
          `  ${width} px: sidan är ${rep.scrollWidth} px bred (fönstret ${rep.clientWidth} px)${rep.offenders.map((o) => `\n      ${o}`).join("")}`,
        );
      }
    }
    // Back to the viewport the test chose (a phone story stays a phone story).
    if (before) await this.page.setViewportSize(before);
    this.reflowChecked.add(stripHash(url));
    if (failures.length === 0) return;
    const report = `omflödning (WCAG 1.4.10) misslyckas på ${url}:\n${failures.join("\n")}`;
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
    const unchecked = [...this.navigated].filter((u) => !this.checked.has(u) || (this.options.reflow !== false && !this.reflowChecked.has(u)));
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
    viewport: opts.viewport ?? { width: DESKTOP_WIDTH, height: VIEWPORT_HEIGHT },
  });
  const page = await context.newPage();
  return new Visitor(context, page, baseUrl, opts);
}
