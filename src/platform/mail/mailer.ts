// Mail adapter. Every message is first written to the outbox table (so it is never lost and
// can be shown in development at /admin/outbox). With MAIL_TRANSPORT=smtp and NODE_ENV=production
// it is then sent through SMTP (nodemailer) and sent_at/error recorded. Outside production
// nothing is ever sent to real recipients.
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Config } from "../../config/index.ts";
import type { DB } from "../db/schema.ts";

export type MailMessage = { tenantId?: string | null; to: string; subject: string; text: string; html?: string };

export type Mailer = {
  send(db: Kysely<DB>, message: MailMessage): Promise<{ id: string }>;
};

export function createMailer(config: Config): Mailer {
  const useSmtp = config.MAIL_TRANSPORT === "smtp" && config.NODE_ENV === "production" && config.SMTP_URL;
  const transport = useSmtp ? nodemailer.createTransport(config.SMTP_URL) : null;
  return {
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
        try {
          await transport.sendMail({ from: config.MAIL_FROM, to: m.to, subject: m.subject, text: m.text, html: m.html });
          await db.updateTable("outbox").set({ sent_at: new Date(), updated_at: new Date() }).where("id", "=", row.id).execute();
        } catch (err) {
          await db
            .updateTable("outbox")
            .set({ error: err instanceof Error ? err.message : String(err), updated_at: new Date() })
            .where("id", "=", row.id)
            .execute();
        }
      }
      return row;
    },
  };
}
