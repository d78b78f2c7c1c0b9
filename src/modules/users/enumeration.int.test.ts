// The sign-in never tells whether an address has an account: a locked account answers exactly
// like a wrong password or an unknown address (same status, same page) and stays locked, its
// owner learns of the lock by mail; every attempt costs one argon2 verification with the same
// parameters (unknown addresses are checked against a dummy hash); and failures are counted per
// client address in the database (shared by every instance), so one address trying many
// accounts is stopped without learning which of them exist.
import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildApp } from "../../app.ts";
import { hashPassword, PASSWORD_VERIFY_CHANNEL } from "../../platform/auth/password.ts";
import { SESSION_COOKIE } from "../../platform/auth/session.ts";
import type { App } from "../../platform/http/types.ts";
import { createMailer } from "../../platform/mail/mailer.ts";
import { createDiskStorage } from "../../platform/storage/storage.ts";
import { makeTenant, makeUser, TEST_PASSWORD } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { mainContent } from "../../platform/testing/isolation.ts";
import { pruneLoginFailures } from "./repo.ts";
import { latestMailTo, signInWithForm, submitForm } from "./testing.ts";

const MAX_FAILURES = 3;
const MAX_PER_ADDRESS = 8;

/** The page without what legitimately differs: the typed address and per-request tokens. */
function answer(res: { statusCode: number; body: string }, email: string): string {
  return `${res.statusCode} ${mainContent(res.body).replaceAll(email, "EMAIL")}`;
}

async function outboxCount(t: TestApp, to: string): Promise<number> {
  const r = await t.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => eb(eb.fn("lower", ["to_address"]), "=", to.toLowerCase()))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("sign-in does not reveal accounts", () => {
  let t: TestApp;
  let ipSeq = 1;
  const ip = () => `10.7.0.${ipSeq++}`;
  before(async () => {
    t = await createTestApp({
      config: {
        LOGIN_MAX_FAILURES: String(MAX_FAILURES),
        LOGIN_LOCK_MINUTES: "15",
        LOGIN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
        PUBLIC_WRITE_RATE_LIMIT: "100000",
        BASE_URL: "http://trygg.test",
      },
    });
  });
  after(async () => t.close());

  it("answers a locked account exactly like a wrong password and an unknown address, and keeps it locked", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "polis");
    const unknown = "finns.inte.alls@test.example";
    for (let i = 0; i < MAX_FAILURES; i++) await signInWithForm(t.app, user.email, `fel-${i}-lösenord`, { remoteAddress: ip() });
    const row = await t.db.selectFrom("users").select("locked_until").where("id", "=", user.id).executeTakeFirstOrThrow();
    assert.ok(row.locked_until && new Date(row.locked_until) > new Date(), "the account is locked");

    const lockedRight = await signInWithForm(t.app, user.email, TEST_PASSWORD, { remoteAddress: ip() });
    const lockedWrong = await signInWithForm(t.app, user.email, "fel-lösenord-igen", { remoteAddress: ip() });
    const other = await makeUser(t.db, tenant.id, "polis");
    const wrong = await signInWithForm(t.app, other.email, "fel-lösenord-här", { remoteAddress: ip() });
    const none = await signInWithForm(t.app, unknown, "fel-lösenord-här", { remoteAddress: ip() });
    assert.equal(lockedRight.statusCode, 401);
    assert.ok(!lockedRight.cookies.some((c) => c.name === SESSION_COOKIE && c.value), "no session while locked");
    assert.doesNotMatch(lockedRight.body, /låst|locked/i);
    const expected = answer(none, unknown);
    assert.equal(answer(lockedRight, user.email), expected);
    assert.equal(answer(lockedWrong, user.email), expected);
    assert.equal(answer(wrong, other.email), expected);
    const still = await t.db.selectFrom("users").select("locked_until").where("id", "=", user.id).executeTakeFirstOrThrow();
    assert.equal(String(still.locked_until), String(row.locked_until), "the lock neither lifts nor grows");
  });

  it("mails the owner once when the account gets locked, with a link that lifts the lock", async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant.id, "samordnare");
    for (let i = 0; i < MAX_FAILURES + 2; i++) await signInWithForm(t.app, user.email, `fel-${i}-lösenord`, { remoteAddress: ip() });
    // The mail is written after the answer (so locking takes no longer than any failure): wait for it.
    for (let i = 0; i < 100 && (await outboxCount(t, user.email)) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await outboxCount(t, user.email), 1, "one mail, however many attempts follow");
    const { mail, path, token } = await latestMailTo(t.db, user.email);
    assert.ok(mail && path && token);
    assert.match(mail.subject, /låst/);
    assert.match(mail.body_text, /15 minuter/);
    assert.equal(mail.tenant_id, null);
    const pw = "ett helt nytt lösenord";
    const set = await submitForm(t.app, path, "/aterstall-losenord", { token, password: pw, password_repeat: pw }, { remoteAddress: ip() });
    assert.equal(set.statusCode, 303);
    assert.equal((await signInWithForm(t.app, user.email, pw, { remoteAddress: ip() })).statusCode, 303, "the reset lifted the lock");
  });

  it("spends exactly one argon2 verification, with the real parameters, on every attempt", async () => {
    const tenant = await makeTenant(t.db);
    const active = await makeUser(t.db, tenant.id, "lasare");
    const locked = await makeUser(t.db, tenant.id, "lasare");
    await t.db
      .updateTable("users")
      .set({ locked_until: new Date(Date.now() + 600_000) })
      .where("id", "=", locked.id)
      .execute();
    const disabled = await makeUser(t.db, tenant.id, "lasare");
    await t.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabled.id).execute();
    const invited = await makeUser(t.db, tenant.id, "lasare");
    await t.db.updateTable("users").set({ password_hash: null }).where("id", "=", invited.id).execute();
    const realParams = (await hashPassword("vilket lösenord som helst")).split("$").slice(0, 4).join("$");

    const seen: string[] = [];
    const onVerify = (m: unknown) => seen.push((m as { params: string }).params);
    subscribe(PASSWORD_VERIFY_CHANNEL, onVerify);
    try {
      const cases: Array<[string, string, string]> = [
        ["unknown address", "ingen.har.detta@test.example", "fel-lösenord-här"],
        ["wrong password", active.email, "fel-lösenord-här"],
        ["locked, right password", locked.email, TEST_PASSWORD],
        ["locked, wrong password", locked.email, "fel-lösenord-här"],
        ["disabled", disabled.email, TEST_PASSWORD],
        ["no password yet", invited.email, "något-lösenord"],
        ["right password", active.email, TEST_PASSWORD],
      ];
      for (const [name, email, password] of cases) {
        seen.length = 0;
        await signInWithForm(t.app, email, password, { remoteAddress: ip() });
        assert.equal(seen.length, 1, `${name}: ${seen.length} verifications`);
        assert.equal(seen[0], realParams, `${name}: same argon2 parameters as a real hash`);
      }
    } finally {
      unsubscribe(PASSWORD_VERIFY_CHANNEL, onVerify);
    }
  });
});

describe("failed sign-ins counted per client address across instances", () => {
  let t: TestApp;
  let second: App;
  before(async () => {
    const config = {
      LOGIN_MAX_FAILURES: "100",
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
      LOGIN_LOCK_MINUTES: "15",
      PUBLIC_WRITE_RATE_LIMIT: "100000",
    };
    t = await createTestApp({ config });
    // A second instance on the same database, as behind a load balancer.
    second = await buildApp({
      config: t.config,
      database: t.database,
      mailer: createMailer(t.config),
      storage: createDiskStorage(join(t.config.TRYGG_DATA_DIR, "files")),
    });
    await second.ready();
  });
  after(async () => {
    await second?.close();
    await t.close();
  });

  it("stops one address that tries many accounts, the same way whether they exist or not", async () => {
    const tenant = await makeTenant(t.db);
    const known = await Promise.all(Array.from({ length: 4 }, () => makeUser(t.db, tenant.id, "lasare")));
    const victim = await makeUser(t.db, tenant.id, "polis");
    const attacker = "203.0.113.77";
    const statuses: number[] = [];
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      const email = i % 2 ? known[i >> 1]!.email : `gissning-${i}@test.example`;
      const app = i % 2 ? second : t.app; // alternate instances: the count is shared
      statuses.push((await signInWithForm(app, email, "fel-lösenord-här", { remoteAddress: attacker })).statusCode);
    }
    assert.deepEqual(statuses, Array(MAX_PER_ADDRESS).fill(401));
    const stored = await t.db.selectFrom("login_failures").selectAll().where("client", "=", attacker).executeTakeFirstOrThrow();
    assert.ok(stored.blocked_until && new Date(stored.blocked_until) > new Date(), "the address is blocked in the database");

    const right = await signInWithForm(t.app, victim.email, TEST_PASSWORD, { remoteAddress: attacker });
    const guess = await signInWithForm(second, "en-till-gissning@test.example", "fel-lösenord-här", { remoteAddress: attacker });
    assert.equal(right.statusCode, 429);
    assert.ok(!right.cookies.some((c) => c.name === SESSION_COOKIE && c.value), "no session from a blocked address");
    assert.match(right.body, /För många misslyckade inloggningar från din adress/);
    assert.equal(answer(right, victim.email), answer(guess, "en-till-gissning@test.example"), "the same answer for an account and a guess");
    // Nothing was counted against the accounts themselves beyond the attempts made.
    const victimRow = await t.db.selectFrom("users").select(["failed_logins", "locked_until"]).where("id", "=", victim.id).executeTakeFirstOrThrow();
    assert.deepEqual(victimRow, { failed_logins: 0, locked_until: null });
    // Another address signs in as usual.
    assert.equal((await signInWithForm(second, victim.email, TEST_PASSWORD, { remoteAddress: "198.51.100.20" })).statusCode, 303);
  });

  it("does not let a successful sign-in of one's own account reset the address's count", async () => {
    const tenant = await makeTenant(t.db);
    const own = await makeUser(t.db, tenant.id, "lasare");
    const address = "203.0.113.88";
    const statuses: number[] = [];
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      statuses.push((await signInWithForm(t.app, `gissning-${i}@test.example`, "fel-lösenord-här", { remoteAddress: address })).statusCode);
      if (i === MAX_PER_ADDRESS - 2) assert.equal((await signInWithForm(t.app, own.email, TEST_PASSWORD, { remoteAddress: address })).statusCode, 303);
    }
    assert.deepEqual(statuses, Array(MAX_PER_ADDRESS).fill(401));
    assert.equal((await signInWithForm(t.app, "ytterligare@test.example", "fel-lösenord-här", { remoteAddress: address })).statusCode, 429);
  });
});

describe("login_failures housekeeping", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it("forgets addresses untouched for a day, keeps the rest", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 25 * 3600_000);
    await t.db
      .insertInto("login_failures")
      .values([
        { client: "192.0.2.1", failures: 3, window_started_at: old, created_at: old, updated_at: old },
        { client: "192.0.2.2", failures: 1, window_started_at: now, created_at: now, updated_at: now },
      ])
      .execute();
    assert.equal(await pruneLoginFailures(t.db, now), 1);
    const left = await t.db.selectFrom("login_failures").select("client").execute();
    assert.deepEqual(
      left.map((r) => r.client),
      ["192.0.2.2"],
    );
  });
});
