// The safety survey in the register of processing activities (GDPR art. 30). Answers are
// anonymous (no name, address or time of day; area, age group and sex only for weighting), but
// free-text answers may identify someone or describe crimes (art. 9/10 risk): only coordinators
// read them, each read logged.
import type { ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Trygghetsmätning: invånares svar",
    purpose: "Mäta invånares upplevda trygghet per område och år, som underlag för medborgarlöften och det brottsförebyggande arbetet.",
    legalBasis:
      "Art. 6.1 e (uppgift av allmänt intresse: lag (2023:196)); frivilliga, anonyma svar. Fritext kan innehålla uppgifter enligt art. 9 eller 10: visas bara för samordnare, sammanställt, och aldrig i export.",
    dataSubjects: ["invånare som svarar på enkäten", "personer som kan nämnas i fritextsvar"],
    categories: [
      "svar per fråga (skalor, val, fritext)",
      "område, åldersgrupp och kön (för vägning; från urvalsramen eller svaren)",
      "svarsdag (ingen tid på dygnet), språk, kanal",
      "engångskoder och fortsättningstoken endast som hash",
    ],
    recipients: ["samordnare och administratörer (fritext)", "personal (resultat)", "allmänheten (publicerade resultat med små grupper undertryckta)"],
    retention: "Svaren bevaras som underlag för tidsserier enligt kommunens arkivregler; fortsättningstoken rensas när svaret skickas.",
    tables: ["survey_responses", "survey_answers", "survey_codes"],
    safeguards:
      "Inga namn eller adresser; inga åtkomstloggar med tid och klientadress för svarssidorna; resultat bara som aggregat med små grupper undertryckta; fritext i slumpad ordning utan område och datum, och bara när tillräckligt många skrivit; personalens läsning av fritext loggas.",
  },
  {
    name: "Trygghetsmätning: omgångar, resultat och jämförelser",
    purpose: "Förbereda omgångar, beräkna och publicera resultat, importera polisens resultat och anmäld brottslighet, och föra in resultat i medborgarlöften.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse: lag (2023:196)).",
    dataSubjects: ["personal som förbereder och publicerar (konto-id och namn i historiken)"],
    categories: [
      "enkätdefinitioner och omgångar",
      "aggregerade resultat",
      "importerade officiella resultat och brottsstatistik",
      "vem som ändrat (konto-id och namn)",
    ],
    recipients: ["personal", "allmänheten (publicerade resultat)"],
    retention: "Så länge kommunen använder Trygg (tidsserier).",
    tables: [
      "survey_definitions",
      "surveys",
      "survey_document_events",
      "survey_result_cells",
      "survey_result_strata",
      "survey_imports",
      "survey_official_results",
      "survey_crime_stats",
      "survey_indicators",
    ],
  },
];
