// Mail adapter. Every message is first written to the outbox table (so it is never lost and
// can be shown at /admin/outbox). With MAIL_TRANSPORT=smtp in production it is then delivered
// through SMTP (nodemailer) by the `mail.deliver` job (or at once when no job runner is up,
// e.g. from the CLI), and sent_at/error are recorded. Outside production nothing is ever sent
// to real recipients.
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Config } from "../../config/index.ts";
import { acrossTenants } from "../db/across-tenants.ts";
import type { DB } from "../db/schema.ts";

export type MailMessage = { tenantId?: string | null; to: string; subject: string; text: string; html?: string };

export type Mailer = {
  send(db: Kysely<DB>, message: MailMessage): Promise<{ id: string }>;
  /** Deliver a stored message through SMTP (no-op for the outbox transport). */
  deliver(db: Kysely<DB>, id: string): Promise<void>;
  /**
   * Hand deliveries to a job queue instead of delivering inline. The job is sent on `db`, the
   * connection or transaction the message was stored on, so it exists exactly when the message does.
   */
  useQueue(enqueue: (id: string, db: Kysely<DB>) => Promise<unknown>): void;
};

export function createMailer(config: Config): Mailer {
  const smtp = config.MAIL_TRANSPORT === "smtp" && config.NODE_ENV === "production" && config.SMTP_URL;
  const transport = smtp ? nodemailer.createTransport(config.SMTP_URL) : null;
  let enqueue: ((id: string, db: Kysely<DB>) => Promise<unknown>) | null = null;
  const mailer: Mailer = {
    async send(db, m) {
      const row = await db
        .insertInto("outbox")
        .values({
          tenant_id: m.tenantId ?? null,
          to_address: m.to,
          subject: m.subject,
          body_text: m.text,
          body_html: m.html ?? null,
          transport: transport ? "smtp" : "outbox",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (transport) {
        // In the caller's transaction (send(trx, …)): a job sent on another connection could run
        // before the row it names is committed, find nothing, and the mail would never go.
        if (enqueue) await enqueue(row.id, db);
        else await mailer.deliver(db, row.id);
      }
      return row;
    },
    async deliver(tenantDb, id) {
      if (!transport) return;
      // Delivery takes the row by id whatever its tenant (password resets have none): deliberately across tenants.
      const db = acrossTenants(tenantDb);
      const m = await db.selectFrom("outbox").selectAll().where("id", "=", id).where("sent_at", "is", null).executeTakeFirst();
      if (!m) return;
      try {
        await transport.sendMail({ from: config.MAIL_FROM, to: m.to_address, subject: m.subject, text: m.body_text, html: m.body_html ?? undefined });
        await db.updateTable("outbox").set({ sent_at: new Date(), error: null, updated_at: new Date() }).where("id", "=", id).execute();
      } catch (err) {
        await db
          .updateTable("outbox")
          .set({ error: err instanceof Error ? err.message : String(err), updated_at: new Date() })
          .where("id", "=", id)
          .execute();
        throw err; // let the job runner retry
      }
    },
    useQueue(fn) {
      enqueue = fn;
    },
  };
  return mailer;
}
