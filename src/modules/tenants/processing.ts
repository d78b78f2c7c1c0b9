// The municipality's own structure in the register of processing activities.
import type { ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Kommunens struktur",
    purpose: "Beskriva kommunen i Trygg: gräns, områden, namngivna platser och organisationer som personal hör till.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse: lag (2023:196) om kommuners ansvar för brottsförebyggande arbete).",
    dataSubjects: ["inga enskilda (organisationer och platser)"],
    categories: ["organisationsnamn", "platsnamn och lägen", "kommunens inställningar", "versionsnummer för publika sidor (cache)"],
    recipients: ["allmänheten (kommunens publika sidor)", "personal"],
    retention: "Så länge kommunen använder Trygg.",
    tables: ["tenants", "areas", "places", "organisations", "organisation_tenants", "public_versions"],
  },
];
