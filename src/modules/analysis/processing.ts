// Hot spot analyses in the register of processing activities.
import type { ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Hot spot-analyser",
    purpose: "Finna platser med signifikant koncentration av händelser (Gi*, FDR) som underlag för lägesbild och insatser.",
    legalBasis:
      "Art. 6.1 e (uppgift av allmänt intresse, lag (2023:196)); uppladdade händelser ska vara platser och situationer, inte personer (art. 10 undviks).",
    dataSubjects: ["inga enskilda avsiktligt (händelser med plats, tid och kategori)", "personal som kört analysen"],
    categories: ["händelsers läge, tid och kategori", "resultat per cell", "vem som körde (konto-id)"],
    recipients: ["personal med läsrätt till analyser"],
    retention: "Så länge kommunen behåller körningen; exporter loggas.",
    tables: ["analysis_datasets", "analysis_runs"],
    safeguards: "Celler med få händelser visas inte som platser; exporter loggas i granskningsloggen.",
  },
];
