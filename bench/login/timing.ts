// Sign-in timing by kind of address: does an attempt take as long for an unknown address, a
// known one with a wrong password, a locked account and a disabled one? 50 attempts of each
// (interleaved, so drift on a shared machine hits every kind alike) through the real login route
// (app.inject, in-memory PGlite), each from its own client address so neither the rate limit nor
// the per-address block interferes. Prints median, mean, p10/p90 and the difference of each
// median to the unknown address's. Not a test (no timed assertions anywhere): the regression test
// counts argon2 verifications instead (src/modules/users/enumeration.int.test.ts).
//
//   source scripts/env.sh && trygg_ensure_node && node bench/login/timing.ts [--n 50]
import { parseArgs } from "node:util";
import { csrfFor } from "../../src/platform/testing/auth.ts";
import { makeTenant, makeUser, TEST_PASSWORD } from "../../src/platform/testing/factories.ts";
import { createTestApp } from "../../src/platform/testing/harness.ts";

const { values } = parseArgs({ options: { n: { type: "string", default: "50" } } });
const N = Number(values.n);

const t = await createTestApp({ config: { PUBLIC_WRITE_RATE_LIMIT: "1000000", LOGIN_MAX_FAILURES: "1000000" } });
try {
  const tenant = await makeTenant(t.db);
  const known = await makeUser(t.db, tenant.id, "lasare");
  const locked = await makeUser(t.db, tenant.id, "lasare");
  await t.db
    .updateTable("users")
    .set({ locked_until: new Date(Date.now() + 3600_000) })
    .where("id", "=", locked.id)
    .execute();
  const disabled = await makeUser(t.db, tenant.id, "lasare");
  await t.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabled.id).execute();

  const kinds: Array<[string, string, string]> = [
    ["unknown address", "finns.inte@bench.example", "fel-lösenord-här"],
    ["known, wrong password", known.email, "fel-lösenord-här"],
    ["locked, right password", locked.email, TEST_PASSWORD],
    ["locked, wrong password", locked.email, "fel-lösenord-här"],
    ["disabled", disabled.email, TEST_PASSWORD],
  ];
  const { token, cookies } = await csrfFor(t.app, "/logga-in");
  let seq = 0;
  const attempt = async (email: string, password: string): Promise<number> => {
    seq++;
    const t0 = performance.now();
    const res = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      cookies,
      remoteAddress: `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email, password, _csrf: token }).toString(),
    });
    const ms = performance.now() - t0;
    if (res.statusCode !== 401) throw new Error(`${email}: ${res.statusCode}`);
    return ms;
  };
  for (const [, email, password] of kinds) for (let i = 0; i < 5; i++) await attempt(email, password); // warm-up
  const times = new Map<string, number[]>(kinds.map(([k]) => [k, []]));
  for (let i = 0; i < N; i++) for (const [k, email, password] of kinds) times.get(k)!.push(await attempt(email, password));

  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  const base = q(times.get("unknown address")!, 0.5);
  console.log(`| kind | n | median ms | mean ms | p10 ms | p90 ms | median − unknown |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const [k, xs] of times) {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const med = q(xs, 0.5);
    console.log(
      `| ${k} | ${xs.length} | ${med.toFixed(1)} | ${mean.toFixed(1)} | ${q(xs, 0.1).toFixed(1)} | ${q(xs, 0.9).toFixed(1)} | ${(med - base >= 0 ? "+" : "") + (med - base).toFixed(1)} |`,
    );
  }
} finally {
  await t.close();
}
