// Medborgarvandringar in the register of processing activities (GDPR art. 30), and the retention
// rule for residents' sign-ups: a sign-up's name and needs are only for organising the walk, so
// they are blanked when the walk ended longer ago than the tenant's setting (the count stays).
import { sql } from "kysely";
import type { ProcessingActivity, RetentionRule } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Medborgarvandringar: planering, observationer och åtgärdslista",
    purpose:
      "Planera trygghets- och medborgarvandringar, dokumentera platser som upplevs otrygga, ta fram protokoll med åtgärdslista och följa upp åtgärderna offentligt.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse: brottsförebyggande arbete, lag (2023:196)).",
    dataSubjects: ["personal som planerar och observerar", "åtgärdsägare (organisationer och deras personal)", "personer som kan synas på foton"],
    categories: [
      "observationer med plats, kategori, fritext och foto (metadata borttagen)",
      "vem som observerat eller ändrat (konto-id och namn)",
      "deltagare räknade per grupp (aldrig namn)",
      "åtgärder med ägare och återkoppling",
    ],
    recipients: ["allmänheten (publicerat protokoll, åtgärdslista och foton)", "personal", "åtgärdsägare (e-post om åtgärder)"],
    retention: "Allmänna handlingar: bevaras enligt kommunens arkivregler.",
    tables: ["walks", "walk_stops", "walk_invitations", "walk_observers", "walk_observations", "walk_actions", "walk_action_changes", "walk_document_events"],
    safeguards:
      "Fritext granskas för personnummer, telefonnummer och e-post; foton kodas om utan metadata; personrelaterade observationer visas publikt bara som räknade rutor.",
  },
  {
    name: "Medborgarvandringar: invånares anmälningar och synpunkter",
    purpose: "Ta emot anmälningar till en vandring (för att planera antal och behov) och invånares synpunkter inför vandringen.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse); frivilligt lämnade uppgifter.",
    dataSubjects: ["invånare som anmäler sig eller lämnar synpunkter"],
    categories: ["namn (frivilligt)", "antal i sällskapet och behov (frivilligt)", "synpunkt med plats och fritext (utan namn)"],
    recipients: ["personal som planerar vandringen"],
    retention: "Namn och behov i anmälningar töms efter kommunens inställning (standard 90 dagar efter vandringen); antalet och synpunkterna finns kvar.",
    tables: ["walk_signups", "walk_viewpoints"],
    safeguards: "Anmälningar visas aldrig publikt; synpunkter granskas för personuppgifter; båda är hastighetsbegränsade publika skrivningar.",
  },
];

export const retention: RetentionRule[] = [
  {
    kind: "walkSignupNames",
    label: "walks.retention.signupNames",
    defaultDays: 90,
    async apply(db, tenantId, before) {
      const r = await db
        .updateTable("walk_signups")
        .set({ name: null, needs: "", updated_at: sql<Date>`now()` })
        .where("tenant_id", "=", tenantId)
        .where((eb) => eb.or([eb("name", "is not", null), eb("needs", "<>", "")]))
        .where("walk_id", "in", (eb) => eb.selectFrom("walks").select("id").where("tenant_id", "=", tenantId).where("ends_at", "<", before))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  },
];
