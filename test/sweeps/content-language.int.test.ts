// Swedish content on English pages is marked lang="sv", so screen readers switch voice: every
// page of the accessibility sweep (each module's `sweepPages`), fetched in English (?lang=en) by
// its first viewer, has each known Swedish text of the Osby demo — titles, promise texts,
// findings, activities, names of organisations and areas, the start page's introduction, hot spot
// run labels — only inside an element with lang="sv". (The <title> element cannot hold a
// language change and is left out; so are attribute values.)
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { modules } from "../../src/modules/index.ts";
import { seedOsby } from "../../src/modules/seed.ts";
import { DEMO_USERS } from "../../src/modules/tenants/seed.ts";
import type { SweepPage } from "../../src/platform/module.ts";
import { sessionCookie } from "../../src/platform/testing/auth.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { untaggedOccurrences } from "../../src/platform/testing/lang.ts";

/** Texts of the Osby demo that have no translation. */
const SWEDISH = [
  "Osby kommun",
  "Medborgarlöfte i Osby kommun 2021",
  "jobba med sin synlighet",
  "83 procent av de svarande i Osby kommun",
  "Fotpatrullering under midsommarhelgen",
  "Samhällsbyggnadsförvaltningen",
  "Polisen, lokalpolisområde Hässleholm",
  "kommunstyrelsens ordförande",
  "Osby kommun och Polisen arbetar tillsammans",
  "Osby tätort",
  "Osby landsbygd",
  "Demo: EST-händelser hösten 2025 (syntetiska)",
];

function inEnglish(path: string): string {
  const [p, q = ""] = path.split("?");
  const params = new URLSearchParams(q);
  params.set("lang", "en");
  return `${p}?${params.toString()}`;
}

describe("Swedish content on English pages", () => {
  let t: TestApp;
  let pages: SweepPage[];

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    await seedOsby(t.db);
    pages = [];
    for (const m of modules) pages.push(...((m.testing ? await m.testing() : {}).sweepPages ?? []));
  });
  after(async () => t?.close());

  async function cookiesFor(viewer: SweepPage["viewers"][number]): Promise<Record<string, string>> {
    if (viewer === "public") return {};
    const email = DEMO_USERS.find((u) => u.role === viewer)?.email;
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email ?? "")
      .executeTakeFirstOrThrow();
    return sessionCookie(t.db, user.id);
  }

  it("marks every known Swedish text lang=sv on every English page of the sweep", async () => {
    const problems: string[] = [];
    let seen = 0;
    const visited = new Set<string>();
    for (const page of pages) {
      const viewer = page.viewers[0] ?? "public";
      const url = inEnglish(page.path);
      if (visited.has(`${viewer} ${url}`)) continue;
      visited.add(`${viewer} ${url}`);
      const res = await t.app.inject({ method: "GET", url, cookies: await cookiesFor(viewer) });
      assert.equal(res.statusCode, page.status ?? 200, `${url} (${viewer})`);
      if (!String(res.headers["content-type"]).startsWith("text/html")) continue;
      assert.match(res.body, /<html lang="en">/, `${url} is in English`);
      for (const o of untaggedOccurrences(res.body, SWEDISH)) problems.push(`${url} (${viewer}): "${o.needle}" in ${o.langs.join("/")} – …${o.context}…`);
      seen += SWEDISH.filter((s) => res.body.includes(s)).length;
    }
    assert.ok(seen > 20, `the demo texts appear on the pages (${seen})`);
    assert.deepEqual(problems, [], `Swedish content without lang="sv":\n${problems.join("\n")}`);
  });
});
