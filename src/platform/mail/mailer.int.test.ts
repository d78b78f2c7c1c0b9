// A mail stored inside a transaction is handed to the delivery queue on that same transaction,
// so the delivery job exists exactly when the stored mail does (test/reliability/jobs.int.test.ts
// proves the queue side: a job sent in a rolled-back transaction never exists).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../config/index.ts";
import type { Database } from "../db/database.ts";
import { createTestDatabase } from "../testing/harness.ts";
import { createMailer } from "./mailer.ts";

describe("mailer: the delivery job travels with the stored mail", () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database?.close());

  it("enqueues on the connection or transaction the mail was stored on", async () => {
    const config = loadConfig(
      {},
      { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), MAIL_TRANSPORT: "smtp", SMTP_URL: "smtp://127.0.0.1:9", LOG_LEVEL: "silent" },
    );
    const mailer = createMailer(config);
    const queued: Array<{ id: string; db: unknown }> = [];
    mailer.useQueue(async (id, db) => {
      queued.push({ id, db });
    });
    let inside: unknown;
    const { id } = await database.db.transaction().execute(async (trx) => {
      inside = trx;
      return mailer.send(trx, { to: "någon@example.org", subject: "Återställ lösenord", text: "åäö" });
    });
    assert.equal(queued.length, 1);
    assert.equal(queued[0]!.id, id);
    assert.equal(queued[0]!.db, inside, "the job is sent in the mail's own transaction");
  });
});
