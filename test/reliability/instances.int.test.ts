// Several Trygg processes on one PostgreSQL and one S3-compatible storage (docs/deployment.md):
// nothing depends on which process answers. A session started on one instance works on the other,
// a form shown by one is accepted by the other (CSRF bound to the session, not the process), the
// per-client rate limit is one budget across them, signing out on one ends the session on both,
// and a file uploaded through one is served by the other from S3 (none on the instance's disk).
// On PGlite the data directory has one owner: a second process is refused with a clear message
// (several instances need PostgreSQL).
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DEMO_PASSWORD } from "../../src/modules/tenants/seed.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import {
  cookiesOf,
  createInstanceStore,
  formValues,
  type Instance,
  type InstanceStore,
  mergeCookies,
  multipartBody,
  signIn,
  startInstance,
} from "../../src/platform/testing/instances.ts";
import { testDbKind } from "../../src/platform/testing/harness.ts";
import { type LoopbackS3, startLoopbackS3 } from "../../src/platform/testing/s3-server.ts";

const SHARED = { SESSION_SECRET: "en-delad-hemlighet-för-alla-instanser-åäö-1234567890", PUBLIC_WRITE_RATE_LIMIT: "6" };

if (testDbKind() === "pglite") {
  describe("several instances on one PGlite data directory", () => {
    let store: InstanceStore;
    let first: Instance | undefined;
    before(async () => {
      store = await createInstanceStore("pglite");
    });
    after(async () => {
      await first?.kill();
      await store?.drop();
    });

    it("are refused: the second process says the directory is in use and that several instances need PostgreSQL", async () => {
      first = await startInstance({ store });
      await assert.rejects(startInstance({ store }), /används redan av en annan Trygg-process \(pid \d+, trygg start.*kräver PostgreSQL \(DATABASE_URL\)/);
      assert.equal((await fetch(`${first.url}/readyz`)).status, 200, "the first instance keeps serving");
    });
  });
} else {
  describe("two instances on one PostgreSQL and one S3 storage", () => {
    let store: InstanceStore;
    let s3: LoopbackS3;
    let a: Instance;
    let b: Instance;
    before(async () => {
      store = await createInstanceStore("postgres");
      s3 = await startLoopbackS3();
      const env = { ...SHARED, ...s3.env };
      a = await startInstance({ store, env, demo: true });
      b = await startInstance({ store, env });
    });
    after(async () => {
      await a?.kill();
      await b?.kill();
      await s3?.close();
      await store?.drop();
    });

    it("both are ready on the same database", async () => {
      for (const i of [a, b]) assert.deepEqual(await (await fetch(`${i.url}/readyz`)).json(), { status: "ok", database: "postgres" });
    });

    it("a session started on one instance is valid on the other; signing out on either ends it on both", async () => {
      const cookie = await signIn(a.url, "samordnare@osby.demo", DEMO_PASSWORD);
      const onB = await fetch(`${b.url}/t/osby/arbete`, { headers: { cookie }, redirect: "manual" });
      assert.equal(onB.status, 200);
      assert.match(await onB.text(), /Sara Samordnare|samordnare/i);

      // The sign-out form shown by B, posted to A.
      const page = await fetch(`${b.url}/t/osby/arbete`, { headers: { cookie } });
      const token = formValues(await page.text())._csrf;
      assert.ok(token);
      const out = await fetch(`${a.url}/logga-ut`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: mergeCookies(cookie, cookiesOf(page)), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: token }).toString(),
      });
      assert.equal(out.status, 303);
      for (const i of [a, b]) {
        const after = await fetch(`${i.url}/t/osby/arbete`, { headers: { cookie }, redirect: "manual" });
        assert.equal(after.status, 303, "the ended session is refused everywhere (sign-in page)");
      }
    });

    it("a form shown by one instance is accepted by the other; a forged token is refused by both", async () => {
      const cookie = await signIn(b.url, "samordnare@osby.demo", DEMO_PASSWORD);
      const choose = await (await fetch(`${a.url}/t/osby/arbete/medborgarloften/aktivitet`, { headers: { cookie } })).text();
      const promiseId = /aktivitet\?lofte=([0-9a-f-]{36})/.exec(choose)?.[1];
      assert.ok(promiseId);
      const formPage = await fetch(`${a.url}/t/osby/arbete/medborgarloften/aktivitet?lofte=${promiseId}`, { headers: { cookie } });
      const form = formValues(await formPage.text());
      const jar = mergeCookies(cookie, cookiesOf(formPage));
      const attachment = Buffer.from(`foto från Lönsboda torg, uppladdat via A ${Date.now()}`);
      const title = `Två instanser ${process.pid}`;
      const body = multipartBody({ ...form, title }, [{ field: "attachments", filename: "torget.txt", contentType: "text/plain", data: attachment }]);

      const forged = multipartBody({ ...form, _csrf: `${form._csrf}x`, title: "förfalskad" });
      for (const i of [a, b]) {
        const r = await fetch(`${i.url}/t/osby/arbete/medborgarloften/aktivitet`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: jar, "content-type": forged.contentType },
          body: new Uint8Array(forged.body),
        });
        assert.equal(r.status, 403);
      }

      // Shown by A, posted to B: stored, with its file in S3.
      const saved = await fetch(`${b.url}/t/osby/arbete/medborgarloften/aktivitet`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar, "content-type": body.contentType },
        body: new Uint8Array(body.body),
      });
      assert.equal(saved.status, 303, await saved.text());

      const database = await openDatabase({ kind: "postgres", url: store.url! });
      let fileId: string;
      let storageKey: string;
      try {
        const row = await database.db
          .selectFrom("promise_activities as a")
          .innerJoin("promise_activity_files as af", "af.activity_id", "a.id")
          .innerJoin("files as f", "f.id", "af.file_id")
          .select(["f.id", "f.storage_key"])
          .where("a.title", "=", title)
          .executeTakeFirstOrThrow();
        fileId = row.id;
        storageKey = row.storage_key;
      } finally {
        await database.close();
      }
      assert.deepEqual(s3.objects.get(storageKey)?.data, attachment, "the file is in the shared S3 bucket");
      const files = join(store.dataDir, "files");
      assert.ok(!existsSync(files) || readdirSync(files).length === 0, "nothing on the instances' own disk");
      // Served by the instance that did not store it.
      for (const i of [a, b]) {
        const got = await fetch(`${i.url}/t/osby/arbete/medborgarloften/bilagor/${fileId}`, { headers: { cookie } });
        assert.equal(got.status, 200);
        assert.deepEqual(Buffer.from(await got.arrayBuffer()), attachment);
      }
    });

    it("the rate limit of public writes is one budget per client across the instances", async () => {
      const statuses: number[] = [];
      for (let k = 0; k < 8; k++) {
        const i = k % 2 === 0 ? a : b;
        const page = await fetch(`${i.url}/logga-in`);
        const token = formValues(await page.text())._csrf!;
        const r = await fetch(`${i.url}/logga-in`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: cookiesOf(page), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: token, email: "finns.inte@example.org", password: "fel-lösenord" }).toString(),
        });
        await r.arrayBuffer();
        statuses.push(r.status);
      }
      // Earlier tests signed in twice from this client (2 of the 6); per-process counting would allow 6 on each.
      assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429, 429, 429]);
    });
  });
}
