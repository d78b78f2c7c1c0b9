// No stored script runs anywhere (the hostile-input issue, checked in the browser on the rendered
// output). Script payloads (hostile.ts SCRIPT_PAYLOADS: <script>, "><img onerror>, SVG onload,
// javascript: and data: URLs, an iframe srcdoc, RTL override …) are written through every POST form
// of every sweep page (as each viewer the sweep lists) and through every JSON write route the
// modules give a valid body for (its strings replaced by payloads), on an in-process Trygg with
// the Osby demo. Then every sweep page and every page the writes redirected to is opened in
// Chromium (the Visitor: axe, script errors and CSP violations fail by themselves), and on each:
// no payload ran (window flag, no dialog), no payload became markup (no element carries the
// marker attribute), and every link, image, frame and form target is http(s), mailto/tel or
// relative. Every PDF route answers without a javascript: link or action, and every CSV route
// without a cell that starts a formula.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser } from "playwright-core";
import { modules } from "../../src/modules/index.ts";
import { seedOsby } from "../../src/modules/seed.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../src/modules/tenants/seed.ts";
import type { Role } from "../../src/platform/db/schema.ts";
import { declaredPipeline } from "../../src/platform/http/pipeline.ts";
import type { SweepPage } from "../../src/platform/module.ts";
import { sessionCookie } from "../../src/platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { csvCells, formsOf, isFormulaCell, PWN_ATTR, PWN_FLAG, SCRIPT_PAYLOADS } from "../../src/platform/testing/hostile.ts";
import { collectFixtures, fillRoute, fixtureFor } from "../../src/platform/testing/isolation.ts";
import { registeredRoutes, routeParams } from "../../src/platform/testing/routes.ts";
import { launchBrowser, openVisitor } from "./browser.ts";

type Viewer = "public" | Role;

// Top-level await: one browser test per viewer of the sweep pages.
const sweepList: SweepPage[] = [];
for (const m of modules) sweepList.push(...((m.testing ? await m.testing() : {}).sweepPages ?? []));

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  format?: string;
  minimum?: number;
  anyOf?: Schema[];
  $ref?: string;
  minItems?: number;
  pattern?: string;
};
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};

/** A plausible value for a schema: the first choice, a date, the minimum number, and text (which gets payloads). */
function exampleOf(schema: Schema | undefined, doc: OpenApi, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (schema.$ref) return exampleOf(doc.components?.schemas?.[schema.$ref.split("/").pop()!], doc, depth + 1);
  if (schema.anyOf?.length) return exampleOf(schema.anyOf.find((s) => s.type !== "null") ?? schema.anyOf[0], doc, depth + 1);
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  if (type === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = exampleOf(s, doc, depth + 1);
    return out;
  }
  if (type === "array") return Array.from({ length: schema.minItems ?? 1 }, () => exampleOf(schema.items, doc, depth + 1));
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return false;
  if (schema.format === "date" || /\\d\{4\}/.test(schema.pattern ?? "")) return "2024-05-01";
  if (schema.format === "uuid") return "00000000-0000-4000-8000-000000000000";
  if (schema.format === "email") return "person@example.se";
  return "Trygg provtext";
}

describe("stored script payloads never run", () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let pages: SweepPage[];
  const stored = new Set<string>();
  const written = { forms: 0, api: 0, accepted: 0 };
  let fixtures: Map<string, { id: string; module: string }>;
  let overrides: Record<string, (ids: Record<string, string>) => { query?: Record<string, string>; body?: Record<string, unknown>; json?: boolean }>;
  const users = new Map<Role, string>();
  let openapi: OpenApi;
  let n = 0;
  const payload = () => SCRIPT_PAYLOADS[n++ % SCRIPT_PAYLOADS.length]!;

  before(async () => {
    t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000000" } });
    const seeded = await seedOsby(t.db);
    pages = [];
    overrides = {};
    const sources = [];
    for (const m of modules) {
      const testing = m.testing ? await m.testing() : {};
      pages.push(...(testing.sweepPages ?? []));
      Object.assign(overrides, testing.requestOverrides ?? {});
      if (testing.isolationFixtures) sources.push({ module: m.name, isolationFixtures: testing.isolationFixtures });
    }
    fixtures = await collectFixtures(t.db, seeded.tenantId, sources, { storage: t.app.deps.storage });
    for (const u of DEMO_USERS) users.set(u.role, (await t.db.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirstOrThrow()).id);
    openapi = t.app.swagger() as never;
    base = await t.app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function session(viewer: Viewer) {
    const cookies = viewer === "public" ? {} : await sessionCookie(t.db, users.get(viewer)!);
    return cookies;
  }

  function remember(location: unknown) {
    const to = String(location ?? "");
    if (to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/logga-in")) stored.add(to.split("#")[0]!);
  }

  it("writes script payloads through every form of every sweep page and every JSON write route", async () => {
    // Forms: text fields get payloads; hidden fields, choices and checkboxes keep what the page shows.
    for (const page of pages) {
      for (const viewer of page.viewers) {
        const cookies = await session(viewer);
        const res = await t.app.inject({ method: "GET", url: page.path, cookies });
        const jar = { ...cookies };
        for (const c of res.cookies) jar[c.name] = c.value;
        for (const form of formsOf(res.body, page.path.split("?")[0]!)) {
          if (form.action === "/logga-ut" || form.action === "/logga-in" || form.enctype.startsWith("multipart/")) continue;
          const body = new URLSearchParams();
          for (const f of form.fields) {
            if (f.kind === "file" || f.kind === "other") continue;
            const text = f.kind === "text" || f.kind === "textarea";
            const numeric = /lat|lon|quantity|antal|year|ar$|days|version|position|value/i.test(f.name);
            body.append(f.name, text && !numeric && f.name !== "email" ? `${f.value} ${payload()}`.trim() : f.value);
          }
          const answer = await t.app.inject({
            method: "POST",
            url: form.action,
            cookies: jar,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            payload: body.toString(),
          });
          written.forms++;
          if (answer.statusCode < 400) written.accepted++;
          remember(answer.headers.location);
        }
      }
    }
    // JSON write routes with a valid body from the modules (requestOverrides): every string becomes a payload.
    const admin = await session("admin");
    const swap = (v: unknown): unknown =>
      typeof v === "string" && !/^[0-9a-f-]{36}$|^\d{4}-\d{2}-\d{2}/.test(v) && v.length > 2
        ? `${v} ${payload()}`
        : Array.isArray(v)
          ? v.map(swap)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]))
            : v;
    for (const r of registeredRoutes(t.app)) {
      if (r.method === "GET" || !declaredPipeline(r.config)) continue;
      if (!r.url.startsWith("/api/")) continue;
      const values: Record<string, string> = { tenant: "osby" };
      for (const p of routeParams(r.url)) if (p !== "tenant") values[p] = fixtureFor(fixtures, r.url, p) ?? "x";
      const make = overrides[`${r.method} ${r.url}`];
      const op = openapi.paths[r.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}")]?.[r.method.toLowerCase()];
      const o = make ? make(values) : { body: exampleOf(op?.requestBody?.content?.["application/json"]?.schema, openapi) as Record<string, unknown> };
      const res = await t.app.inject({
        method: r.method as "POST",
        url: fillRoute(r.url, values) + (o.query ? `?${new URLSearchParams(o.query)}` : ""),
        cookies: admin,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(swap(o.body ?? {})),
      });
      written.api++;
      if (res.statusCode < 400) written.accepted++;
    }
    console.log(
      `lagrade skript: ${written.forms} formulär och ${written.api} API-skrivningar skickade, ${written.accepted} godtogs; ${stored.size} sidor för lagrade objekt`,
    );
    assert.ok(written.accepted > 5, "för få skrivningar godtogs för att provet ska betyda något");
  });

  // One test per viewer (each within the browser layer's time limit), built from the sweep's list.
  for (const viewer of [...new Set(sweepList.flatMap((p) => p.viewers))]) {
    it(`runs none of them and links nothing unsafe on any page, as ${viewer}`, async () => {
      const problems: string[] = [];
      let visited = 0;
      const v = await openVisitor(browser, base);
      try {
        if (viewer !== "public") {
          const u = DEMO_USERS.find((x) => x.role === viewer)!;
          await v.login(u.email, DEMO_PASSWORD);
          v.assertClean();
        }
        const dialogs: string[] = [];
        v.page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        const list = [...pages.filter((p) => p.viewers.includes(viewer)).map((p) => p.path), ...(viewer === "public" ? [] : [...stored])];
        for (const path of list) {
          const res = await v.page.goto(new URL(path, base).toString(), { waitUntil: "load" });
          await v.checkA11y();
          visited++;
          const status = res?.status() ?? 0;
          if (status >= 500) problems.push(`${path}: ${status}`);
          const found = await v.page.evaluate(
            ({ flag, attr }) => {
              const bad: string[] = [];
              const w = window as unknown as Record<string, unknown>;
              if (w[flag] !== undefined) bad.push(`skriptet körde (${String(w[flag])})`);
              const marked = document.querySelectorAll(`[${attr}]`).length;
              if (marked) bad.push(`${marked} element från en nyttolast`);
              const ok = (u: string) => {
                const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(u);
                return !scheme || ["http", "https", "mailto", "tel"].includes((scheme[1] ?? "").toLowerCase());
              };
              for (const el of document.querySelectorAll("a[href], area[href], iframe[src], img[src], form[action], embed[src], object[data]")) {
                const raw = el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? el.getAttribute("data") ?? "";
                const isImgData = el.tagName === "IMG" && /^data:image\//i.test(raw);
                if (!ok(raw) && !isImgData) bad.push(`<${el.tagName.toLowerCase()}> mot ${raw.slice(0, 60)}`);
              }
              return bad;
            },
            { flag: PWN_FLAG, attr: PWN_ATTR },
          );
          for (const f of found) problems.push(`${path}: ${f}`);
          if (dialogs.length) problems.push(`${path}: dialog ${dialogs.splice(0).join(", ")}`);
        }
      } finally {
        await v.close();
      }
      console.log(`lagrade skript: ${visited} sidvisningar i Chromium som ${viewer}`);
      assert.deepEqual(problems, [], problems.join("\n"));
    });
  }

  it("answers every PDF without a javascript: link or action, and every CSV without a formula cell", async () => {
    const admin = await session("admin");
    const problems: string[] = [];
    let pdfs = 0;
    let csvs = 0;
    for (const r of registeredRoutes(t.app)) {
      if (r.method !== "GET" || !declaredPipeline(r.config)) continue;
      const values: Record<string, string> = { tenant: "osby" };
      let complete = true;
      for (const p of routeParams(r.url)) {
        if (p === "tenant") continue;
        const id = fixtureFor(fixtures, r.url, p);
        if (!id) complete = false;
        else values[p] = id;
      }
      if (!complete) continue;
      const res = await t.app.inject({ method: "GET", url: fillRoute(r.url, values), cookies: admin });
      const type = String(res.headers["content-type"] ?? "");
      if (res.statusCode !== 200) continue;
      if (type.startsWith("application/pdf")) {
        pdfs++;
        const raw = res.rawPayload.toString("latin1");
        if (/\/(JavaScript|JS|Launch)\b/.test(raw)) problems.push(`${r.url}: PDF med skriptåtgärd`);
        const doc = await getDocument({ data: new Uint8Array(res.rawPayload), verbosity: 0 }).promise;
        for (let i = 1; i <= doc.numPages; i++) {
          for (const a of (await (await doc.getPage(i)).getAnnotations()) as Array<{ url?: string; unsafeUrl?: string }>) {
            const u = a.unsafeUrl ?? a.url ?? "";
            if (u && !/^(https?:|mailto:)/i.test(u)) problems.push(`${r.url}: PDF-länk till ${u.slice(0, 60)}`);
          }
        }
        await doc.cleanup();
      } else if (type.startsWith("text/csv")) {
        csvs++;
        for (const fmt of ["", "?format=excel"]) {
          const body = fmt ? (await t.app.inject({ method: "GET", url: fillRoute(r.url, values) + fmt, cookies: admin })).body : res.body;
          for (const cell of csvCells(body)) if (isFormulaCell(cell)) problems.push(`${r.url}${fmt}: cellen ${JSON.stringify(cell.slice(0, 40))}`);
        }
      }
    }
    console.log(`lagrade skript: ${pdfs} PDF-vägar och ${csvs} CSV-vägar prövade`);
    assert.ok(pdfs >= 1 && csvs >= 1, `för få filer prövade (${pdfs} PDF, ${csvs} CSV)`);
    assert.deepEqual(problems, [], problems.join("\n"));
  });
});
