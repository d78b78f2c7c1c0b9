// The audit log in the register of processing activities, and its retention rule.
import { sql } from "kysely";
import type { ProcessingActivity, RetentionRule } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Granskningslogg",
    purpose:
      "Spåra vem som läst känsliga uppgifter, exporterat, ändrat, raderat, ändrat roller och loggat in (informationssäkerhet, OWASP ASVS nivå 2, offentlighetsprincipens krav på loggade utlämnanden).",
    legalBasis: "Art. 6.1 c och e (rättslig förpliktelse och myndighetsutövning: säkerhet i behandlingen, art. 32).",
    dataSubjects: ["personal med konto", "personer som försökt logga in"],
    categories: ["konto-id", "IP-adress", "tidpunkt", "händelse och berört objekt (id, aldrig innehåll eller lösenord)"],
    recipients: ["kommunens administratörer", "systemadministratörer"],
    retention: "Gallras efter kommunens inställning (standard 730 dagar); går inte att ändra i efterhand.",
    tables: ["audit_log"],
    safeguards: "Bara tillägg (trigger nekar UPDATE/DELETE utom gallringen), e-post till invånare lagras bara som hash.",
  },
];

export const retention: RetentionRule[] = [
  {
    kind: "audit",
    label: "privacy.kind.audit",
    defaultDays: 730,
    async apply(db, tenantId, before) {
      return db.transaction().execute(async (trx) => {
        // The one controlled exception to append-only (migrations/0045): local to this transaction.
        await sql`select set_config('trygg.audit_retention', 'on', true)`.execute(trx);
        const r = await trx.deleteFrom("audit_log").where("tenant_id", "=", tenantId).where("created_at", "<", before).executeTakeFirst();
        return Number(r.numDeletedRows);
      });
    },
  },
];
