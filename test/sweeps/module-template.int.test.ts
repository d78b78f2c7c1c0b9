// The module template (scripts/new-module.ts) makes a module that follows the contract: it is
// generated into a scratch folder next to the real platform, type-checks, lints, and — added to
// the app beside the real modules — migrates, serves its public and staff pages, keeps another
// tenant's rows out, validates bilingually and answers its API. So "a new module is its folder and
// one line in the module list" stays true as the platform changes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import type { TryggModule } from "../../src/platform/module.ts";
import { csrfFor, sessionCookie } from "../../src/platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../src/platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../src/platform/testing/harness.ts";
import { ScaffoldError, scaffoldModule } from "../../scripts/new-module.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const NAME = "anslag";

describe("the module template", () => {
  let scratch: string;
  let mod: TryggModule;
  let t: TestApp;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "trygg-template-"));
    mkdirSync(join(scratch, "src", "modules"), { recursive: true });
    symlinkSync(join(ROOT, "src", "platform"), join(scratch, "src", "platform"));
    symlinkSync(join(ROOT, "src", "config"), join(scratch, "src", "config"));
    writeFileSync(join(scratch, "biome.json"), readFileSync(join(ROOT, "biome.json")));
    symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"));
    symlinkSync(join(ROOT, "migrations"), join(scratch, "migrations"));
    writeFileSync(join(scratch, "src", "modules", "index.ts"), readFileSync(join(ROOT, "src", "modules", "index.ts")));
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module", private: true }));
    scaffoldModule({ name: NAME, range: "9900", title: "Anslagstavla", root: scratch });
    mod = ((await import(pathToFileURL(join(scratch, "src", "modules", NAME, "index.ts")).href)) as Record<string, TryggModule>)[`${NAME}Module`]!;
    t = await createTestApp({ extraModules: [mod] });
  });
  after(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("refuses bad names, taken numbers and existing modules", () => {
    assert.throws(() => scaffoldModule({ name: "Bad-Name", range: "9800", root: scratch, register: false }), ScaffoldError);
    assert.throws(() => scaffoldModule({ name: "annat", range: "0100", root: ROOT, register: false }), /används redan/);
    assert.throws(() => scaffoldModule({ name: NAME, range: "9801", root: scratch, register: false }), /finns redan/);
  });

  it("adds exactly one line to the module list", () => {
    const index = readFileSync(join(scratch, "src", "modules", "index.ts"), "utf8");
    assert.match(index, new RegExp(`import \\{ ${NAME}Module \\} from "\\./${NAME}/index\\.ts";`));
    assert.match(index, new RegExp(`${NAME}Module\\]`));
  });

  it("type-checks and lints", () => {
    // The platform is linked in, so keep its paths as they are (preserveSymlinks) and name the
    // Fastify plugins whose types it relies on (app.ts brings them in the real project).
    const compilerOptions = { noEmit: true, preserveSymlinks: true, types: ["node", "@fastify/cookie", "@fastify/csrf-protection", "@fastify/multipart"] };
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({ extends: join(ROOT, "tsconfig.json"), include: [`src/modules/${NAME}/**/*.ts`], compilerOptions }),
    );
    const run = (bin: string, args: string[]) => {
      try {
        execFileSync(join(ROOT, "node_modules", ".bin", bin), args, { cwd: scratch, stdio: "pipe" });
      } catch (err) {
        const e = err as { stdout?: Buffer; stderr?: Buffer };
        assert.fail(`${bin} ${args.join(" ")}:\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`);
      }
    };
    run("tsc", ["-p", join(scratch, "tsconfig.json")]);
    run("biome", ["lint", "--error-on-warnings", `src/modules/${NAME}`]);
    run("biome", ["format", `src/modules/${NAME}`]);
  });

  it("serves its pages and API, in the tenant only, with bilingual errors", async () => {
    const a = await makeTenant(t.db);
    const b = await makeTenant(t.db);
    await mod.demo!(t.db, a.id);
    const pub = await t.app.inject({ method: "GET", url: `/t/${a.slug}/${NAME}` });
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Exempel \(demo\)/);
    assert.match(pub.body, /href="\/t\/[^"]+\/anslag"/, "the navigation link is there");

    const admin = await makeUser(t.db, a.id, "samordnare");
    const cookies = await sessionCookie(t.db, admin.id);
    const staff = await t.app.inject({ method: "GET", url: `/t/${a.slug}/arbete/${NAME}`, cookies });
    assert.equal(staff.statusCode, 200);
    const { token, cookies: jar } = await csrfFor(t.app, `/t/${a.slug}/arbete/${NAME}`, cookies);
    const empty = await t.app.inject({
      method: "POST",
      url: `/t/${a.slug}/arbete/${NAME}`,
      cookies: jar,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, title: "" }).toString(),
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /error-summary/);

    const created = await t.app.inject({ method: "POST", url: `/api/t/${a.slug}/${NAME}`, cookies, payload: { title: "Ny <post> åäö", status: "publicerad" } });
    assert.equal(created.statusCode, 201);
    const again = await t.app.inject({ method: "POST", url: `/api/t/${a.slug}/${NAME}`, cookies, payload: { title: "Ny <post> åäö" } });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /redan en post/);
    assert.match(again.json().error.message_en, /already an item/);

    // Tenant B sees nothing of A; A's item through B's address is 404.
    const id = created.json().id as string;
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${b.slug}/${NAME}/${id}` })).statusCode, 404);
    assert.deepEqual((await t.app.inject({ method: "GET", url: `/api/t/${b.slug}/${NAME}` })).json().items, []);
    const page = await t.app.inject({ method: "GET", url: `/t/${a.slug}/${NAME}/${id}` });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes("Ny &lt;post&gt; åäö"));
  });

  it("gives the sweeps what they need", async () => {
    const testing = await mod.testing!();
    assert.ok(testing.isolationFixtures && testing.sweepPages?.length);
    const ids = await testing.isolationFixtures(t.db, (await makeTenant(t.db)).id, { storage: t.app.deps.storage });
    assert.ok(ids.itemId);
  });
});
