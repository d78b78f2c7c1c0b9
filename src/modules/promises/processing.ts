// Medborgarlöften in the register of processing activities.
import type { ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Medborgarlöften och aktiviteter",
    purpose: "Ta fram, signera, publicera och följa upp kommunens och polisens medborgarlöften, med loggade aktiviteter och bilagor.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse: brottsförebyggande arbete, lag (2023:196)).",
    dataSubjects: ["undertecknare (förtroendevalda, kommunpolis)", "personal som loggat aktiviteter"],
    categories: ["namn och titel på undertecknare", "vem som loggat eller ändrat (konto-id)", "aktiviteters plats och utfall", "bilagor"],
    recipients: ["allmänheten (publicerade löften och uppföljningar)", "personal"],
    retention: "Allmänna handlingar: bevaras enligt kommunens arkivregler; utkast kan raderas (loggas).",
    tables: ["promise_documents", "promises", "promise_responsibles", "promise_activities", "promise_activity_files", "promise_document_events", "files"],
    safeguards: "Fritext granskas för personnummer, telefonnummer och e-post före publicering; bilagor bara för personal.",
  },
];
