// The mail outbox in the register of processing activities, its retention rule, and what it
// holds about a resident's e-mail address (mail sent to them).
import { sql } from "kysely";
import type { PersonalDataHolder, ProcessingActivity, RetentionRule } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Utgående e-post",
    purpose: "Skicka inbjudningar, länkar för nytt lösenord och meddelanden till personal och invånare, och visa vad som skickats.",
    legalBasis: "Art. 6.1 e (myndighetsutövning/allmänt intresse) och 6.1 b för personalens konton.",
    dataSubjects: ["personal", "invånare som lämnat e-postadress"],
    categories: ["e-postadress", "ämne och text i meddelandet"],
    recipients: ["mottagaren", "kommunens e-postleverantör (SMTP)", "systemadministratörer"],
    retention: "Gallras efter kommunens inställning (standard 90 dagar).",
    tables: ["outbox"],
  },
];

export const retention: RetentionRule[] = [
  {
    kind: "outbox",
    label: "privacy.kind.outbox",
    defaultDays: 90,
    async apply(db, tenantId, before) {
      const r = await db.deleteFrom("outbox").where("tenant_id", "=", tenantId).where("created_at", "<", before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  },
];

export const personalData: PersonalDataHolder = {
  async find(db, tenantId, email) {
    const mail = await db
      .selectFrom("outbox")
      .select(["id", "to_address", "subject", "body_text", "created_at", "sent_at"])
      .where("tenant_id", "=", tenantId)
      .where(sql<boolean>`lower(to_address) = ${email.toLowerCase()}`)
      .orderBy("created_at")
      .execute();
    return { outbox: mail };
  },
  async erase(db, tenantId, email) {
    const r = await db
      .deleteFrom("outbox")
      .where("tenant_id", "=", tenantId)
      .where(sql<boolean>`lower(to_address) = ${email.toLowerCase()}`)
      .executeTakeFirst();
    return { outbox: Number(r.numDeletedRows) };
  },
};
