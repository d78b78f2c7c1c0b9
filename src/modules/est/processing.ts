// EST in the register of processing activities (GDPR art. 30). Partner reports describe incidents
// that may concern crimes (art. 10 risk in free text); they hold no names (the description is
// screened before storage) and are read by staff only, each read of a report logged.
import type { ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "EST: partnerrapporter och lägesbild",
    purpose:
      "Samla partnerorganisationers rapporter om otrygghetsskapande händelser och polisens öppna händelser till en veckovis lägesbild (siffror, karta, hot spots) för samordningen av det brottsförebyggande arbetet.",
    legalBasis:
      "Art. 6.1 e (uppgift av allmänt intresse: lag (2023:196) om kommuners ansvar för brottsförebyggande arbete); art. 10: uppgifter som kan röra lagöverträdelser får inte förekomma – beskrivningar granskas och namn lagras inte.",
    dataSubjects: ["rapportörer hos partnerorganisationer", "personer som kan beskrivas i en händelse (antal som intervall, aldrig namn)"],
    categories: [
      "händelse: kategori, plats (namngiven plats eller punkt utomhus eller i gemensamt utrymme, aldrig i en bostad), tid, bedömning, kort beskrivning",
      "vem som rapporterat eller ändrat (konto-id och namn)",
      "polisens öppna händelser på kommunnivå (utan position)",
      "uppladdade CSV-filers namn och kontrollsumma",
    ],
    recipients: ["kommunens och polisens personal i EST", "partnerorganisationer (den egna organisationens rapporter)"],
    retention: "Allmänna handlingar: bevaras enligt kommunens arkivregler; polisens händelser som försvunnit ur flödet tas bort.",
    tables: ["est_reports", "est_report_events", "est_csv_batches", "est_police_events", "est_police_calls", "est_police_feed", "est_week_summaries"],
    safeguards:
      "Fritext granskas för personnummer, telefonnummer, e-post och namn; personrelaterade kategorier visas aldrig som punkter utanför personalen; personalens läsning av en rapport och varje export loggas.",
  },
  {
    name: "EST: veckomöten och insatser",
    purpose: "Protokollföra veckomötets fokusområden och riktade platser, besluta insatser, följa upp dem och utvärdera före/efter.",
    legalBasis: "Art. 6.1 e (uppgift av allmänt intresse: brottsförebyggande arbete, lag (2023:196)).",
    dataSubjects: ["personal som deltar och ansvarar för insatser"],
    categories: ["mötesanteckningar", "insatser med plats, ansvarig organisation, tid och utfall", "vem som ändrat (konto-id och namn)"],
    recipients: ["kommunens och polisens personal i EST", "ansvariga organisationer"],
    retention: "Allmänna handlingar: bevaras enligt kommunens arkivregler.",
    tables: ["est_meetings", "est_meeting_targets", "est_insatser", "est_insats_events"],
  },
];
