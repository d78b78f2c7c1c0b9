// Medborgardialog in the register of processing activities (GDPR art. 30), and what the module
// holds about a resident's e-mail address for the extract and the erasure (art. 15, 17).
//
// Retention stays with the module's own daily job (service/jobs.ts runRetention), governed by the
// reports settings (`contactRetentionDays`, on the module's settings page) rather than by a
// RetentionRule: the period counts from the report's closure, the job logs each report it clears
// and also removes photo drafts from the file storage, which a RetentionRule cannot reach. The
// activities' retention texts state the job's periods.
import { sql } from "kysely";
import type { PersonalDataHolder, ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Medborgardialog: invånares rapporter om otrygga platser",
    purpose:
      "Ta emot invånares rapporter om platser som upplevs otrygga, fördela dem till ansvarig organisation, hantera och besvara dem, visa dem publikt under integritetsreglerna och ta fram statistik för lägesbilden och medborgarlöftet.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse: brottsförebyggande arbete, lag (2023:196)); namn och e-post lämnas frivilligt.",
    dataSubjects: ["invånare som rapporterar", "invånare som instämmer (+1, utan identitet)", "personer som kan synas på foton eller nämnas i fritext"],
    categories: [
      "rapport med kategori, plats (punkt, namngiven plats eller område), fritext och när platsen känns otrygg",
      "namn och e-postadress (frivilligt) och om rapportören vill ha uppdateringar",
      "följlänk till rapportören (bara som SHA-256-hash)",
      "foton (omkodade, all metadata borttagen) och tumnaglar",
      "instämmanden (+1) med tider, utan identitet",
      "historik: statusändringar, publika uppdateringar, interna anteckningar och svar till rapportören (personalens konto-id; publikt bara organisationens namn)",
    ],
    recipients: [
      "allmänheten (rapporter i platskategorier; personrelaterade bara som räknade rutor och statistik, aldrig namn eller e-post)",
      "personal: samordnare och den organisation rapporten fördelats till (även polisen)",
      "Open311-klienter (samma publika uppgifter; en nyckel ser sina egna inskickade rapporter)",
    ],
    retention:
      "Rapporterna är allmänna handlingar och bevaras enligt kommunens arkivregler. Rapportörens namn och e-post tas bort efter kommunens inställning (standard 90 dagar efter att rapporten stängts) och när rapportören själv ber om det; foton som aldrig skickades (utkast) tas bort efter ett dygn.",
    tables: ["reports", "report_photos", "report_supports", "report_updates"],
    safeguards:
      "Fritext granskas före lagring för personnummer, telefonnummer och e-post; foton kodas om utan metadata och kan döljas eller raderas med skäl; namn och e-post visas aldrig publikt; personrelaterade kategorier visas publikt bara som räknade rutor över hela månader med små antal utelämnade; publika skrivningar är hastighetsbegränsade.",
  },
  {
    name: "Medborgardialog: bevakningar via e-post",
    purpose: "Skicka e-post om nya rapporter och uppdateringar i ett område, en kategori eller en enskild rapport till den som bett om det.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse); frivilligt, bekräftas via länk (dubbel bekräftelse).",
    dataSubjects: ["invånare som bevakar", "personal som bevakar (konto-id)"],
    categories: ["e-postadress", "vad som bevakas (område, kategori, rapport, händelser)", "länknyckel (bara som SHA-256-hash)", "när bevakningen bekräftades"],
    recipients: ["den som bevakar (e-post)", "kommunens e-postleverantör (SMTP)"],
    retention:
      "Obekräftade bevakningar tas bort efter 7 dagar; bekräftade finns kvar tills den som bevakar avslutar dem (länk i varje brev) eller begär radering.",
    tables: ["report_subscriptions"],
    safeguards: "Adressen visas aldrig för andra; personrelaterade rapporter skickas aldrig enskilt i bevakningsbrev; registrering är hastighetsbegränsad.",
  },
  {
    name: "Medborgardialog: fördelningsregler och Open311-nycklar",
    purpose:
      "Fördela nya rapporter till rätt organisation (kategori × område) och ge andra system (polisens, företags, appar) nycklar för att skicka rapporter via Open311.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse).",
    dataSubjects: ["personal som utfärdar eller återkallar nycklar (konto-id)"],
    categories: [
      "regel: kategori, område och organisation",
      "nyckel per organisation: namn, prefix, hash, utfärdad och återkallad av (konto-id), senast använd",
    ],
    recipients: ["administratörer och samordnare"],
    retention: "Regler finns kvar tills de tas bort; återkallade nycklar bevaras för spårbarheten (rapporter hänvisar till nyckeln de kom med).",
    tables: ["report_routing_rules", "report_api_keys"],
    safeguards: "Nyckeln visas en gång och lagras bara som SHA-256-hash; utfärdande och återkallande loggas.",
  },
];

const sameAddress = (column: string, email: string) => sql<boolean>`lower(${sql.ref(column)}) = ${email.trim().toLowerCase()}`;

/**
 * A resident's reports (with their contact details and the replies written to them) and alerts.
 * Erasure removes the contact details and the follow link from the reports — the report itself
 * stays as an anonymous public record (an allmän handling) — and deletes the alerts. Staff
 * accounts' alerts (user_id set) belong to the account, not to a resident, and are left alone.
 */
export const personalData: PersonalDataHolder = {
  async find(db, tenantId, email) {
    const reports = await db
      .selectFrom("reports")
      .select([
        "id",
        "ref",
        "category",
        "status",
        "description",
        "location_text",
        "lat",
        "lon",
        "reporter_name",
        "reporter_email",
        "wants_updates",
        "created_at",
        "closed_at",
      ])
      .where("tenant_id", "=", tenantId)
      .where(sameAddress("reporter_email", email))
      .orderBy("created_at")
      .execute();
    const replies = reports.length
      ? await db
          .selectFrom("report_updates")
          .select(["report_id", "kind", "text", "author_label", "created_at"])
          .where("tenant_id", "=", tenantId)
          .where("audience", "=", "reporter")
          .where(
            "report_id",
            "in",
            reports.map((r) => r.id),
          )
          .orderBy("created_at")
          .execute()
      : [];
    const subscriptions = await db
      .selectFrom("report_subscriptions")
      .select(["id", "email", "report_id", "category", "area_id", "events", "confirmed_at", "created_at"])
      .where("tenant_id", "=", tenantId)
      .where("user_id", "is", null)
      .where(sameAddress("email", email))
      .orderBy("created_at")
      .execute();
    return { reports, replies, subscriptions };
  },
  async erase(db, tenantId, email) {
    const reports = await db
      .updateTable("reports")
      .set({
        reporter_name: null,
        reporter_email: null,
        wants_updates: false,
        follow_token_hash: null,
        contact_removed_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where("tenant_id", "=", tenantId)
      .where(sameAddress("reporter_email", email))
      .executeTakeFirst();
    const subscriptions = await db
      .deleteFrom("report_subscriptions")
      .where("tenant_id", "=", tenantId)
      .where("user_id", "is", null)
      .where(sameAddress("email", email))
      .executeTakeFirst();
    return { reports: Number(reports.numUpdatedRows), subscriptions: Number(subscriptions.numDeletedRows) };
  },
};
