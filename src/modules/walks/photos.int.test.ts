// Photos of a walk across tenants, with real bytes in storage (the isolation sweep's fixtures
// write rows only, so this file sweeps the photo routes): a protocol's public photo is the same
// for everyone, another tenant's address with this tenant's ids is 404, a photo not chosen for the
// protocol is never public, and staff photos are staff-only.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { ROLES } from "../../platform/db/schema.ts";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { attachPhoto } from "./service/capture.ts";
import { findWalkFacts } from "./routes/access.ts";
import { findObservation } from "./repo/observations.ts";
import { makeObservation, makeWalk } from "./testing.ts";

describe("walk photos across tenants", () => {
  let t: TestApp;
  let a: { id: string; slug: string };
  let b: { id: string; slug: string };
  let walkB: string;
  let publicPhoto: string;
  let privatePhoto: string;
  let usersOfA: Array<Record<string, string>>;

  before(async () => {
    t = await createTestApp();
    a = await makeTenant(t.db);
    b = await makeTenant(t.db);
    const { walk } = await makeWalk(t.db, b.id, { status: "inbjudan", daysFromNow: 0 });
    walkB = walk.id;
    const organiser = await makeUser(t.db, b.id, "samordnare");
    const actor = {
      userId: organiser.id,
      name: organiser.name,
      email: organiser.email,
      isSystemAdmin: false,
      roles: new Map([[b.id, ["samordnare" as const]]]),
      organisations: new Map(),
    };
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#468" } })
      .jpeg()
      .toBuffer();
    const facts = (await findWalkFacts(t.db, b.id, walkB))!;
    publicPhoto = await makeObservation(t.db, b.id, walkB);
    privatePhoto = await makeObservation(t.db, b.id, walkB);
    for (const id of [publicPhoto, privatePhoto]) {
      const r = await attachPhoto(t.db, t.app.deps.storage, b.id, actor, facts, (await findObservation(t.db, b.id, id))!, bytes);
      assert.equal(r.kind, "ok");
    }
    await t.db.updateTable("walk_observations").set({ photo_public: true }).where("id", "=", publicPhoto).execute();
    await t.db.updateTable("walks").set({ status: "protokoll" }).where("id", "=", walkB).execute();
    usersOfA = [];
    for (const role of ROLES) usersOfA.push(await sessionCookie(t.db, (await makeUser(t.db, a.id, role)).id));
  });
  after(async () => t?.close());

  it("shows a protocol's public photo to everyone alike, signed in elsewhere or not", async () => {
    const url = `/t/${b.slug}/vandringar/${walkB}/foton/${publicPhoto}`;
    const anon = await t.app.inject({ method: "GET", url });
    assert.equal(anon.statusCode, 200);
    assert.equal(anon.headers["content-type"], "image/jpeg");
    for (const cookies of usersOfA) {
      const res = await t.app.inject({ method: "GET", url, cookies });
      assert.equal(res.statusCode, 200);
      assert.ok(res.rawPayload.equals(anon.rawPayload));
    }
    const small = await t.app.inject({ method: "GET", url: `${url}?storlek=liten` });
    assert.equal(small.statusCode, 200);
  });

  it("never shows a photo the coordinator did not choose for the protocol", async () => {
    for (const cookies of [{}, ...usersOfA]) {
      const res = await t.app.inject({ method: "GET", url: `/t/${b.slug}/vandringar/${walkB}/foton/${privatePhoto}`, cookies });
      assert.equal(res.statusCode, 404);
    }
  });

  it("answers 404 for A's address with B's ids, and for B's staff photos to A's users", async () => {
    for (const cookies of [{}, ...usersOfA]) {
      for (const url of [
        `/t/${a.slug}/vandringar/${walkB}/foton/${publicPhoto}`,
        `/t/${a.slug}/arbete/vandringar/${walkB}/foton/${publicPhoto}`,
        `/t/${b.slug}/vandringar/${randomUUID()}/foton/${publicPhoto}`,
      ]) {
        const res = await t.app.inject({ method: "GET", url, cookies });
        assert.equal(res.statusCode, 404, `${url}: ${res.statusCode}`);
      }
    }
    for (const cookies of usersOfA) {
      const res = await t.app.inject({ method: "GET", url: `/t/${b.slug}/arbete/vandringar/${walkB}/foton/${privatePhoto}`, cookies });
      assert.equal(res.statusCode, 404);
    }
  });
});
