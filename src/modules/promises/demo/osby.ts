// The Osby demo documents: the real medborgarlöften of 2021, 2022 and 2024 (public excerpts, see
// PROVENANCE.md) with plausible demo activities, and the 2021 promise followed up. seed.ts writes
// them to the database.
//
// Flagged as demo data (said on each document's staff page, "Om källan", and in PROVENANCE.md;
// residents' pages carry no provenance notes): validity periods
// we chose, the lägesbild (from public statistics, not the documents' own), the illustrative target
// "minst 2 riktade trafikkontroller per månad", every activity except the Lönsboda
// medborgarvandring on 2021-11-10, and the 2021 verdicts.
import type { DocumentStatus, Finding, Outcome, Signatory, TargetPeriod, Verdict } from "../tables.ts";
import source from "./osby-medborgarloften.json" with { type: "json" };

type Item = (typeof source.items)[number];
const OWNER: Record<string, string> = { "Osby kommun": "kommunen", Polisen: "polisen", both: "tillsammans" };
export const PARTIES = [
  { key: "kommunen", name: "Osby kommun" },
  { key: "polisen", name: "Polisen" },
];
const LPO = "Polisen, lokalpolisområde Hässleholm";
const OSBY: [number, number] = [56.381, 13.995];

/** Fixed ids of the demo documents, so that tests and links can point at them. */
export const DEMO_DOCUMENT_IDS = {
  2021: "0b5b0000-0000-4000-8000-000000002021",
  2022: "0b5b0000-0000-4000-8000-000000002022",
  2024: "0b5b0000-0000-4000-8000-000000002024",
  /** A draft for the coming year, as a coordinator would have one in December (demo, not a real document). */
  draft: "0b5b0000-0000-4000-8000-00000000d4af",
} as const;

/** The first promise of the draft, with a fixed id. */
export const DEMO_DRAFT_PROMISE_ID = "0b5b0000-0000-4000-8000-00000000d4a1";
const LONSBODA: [number, number] = [56.398, 14.319];

export type DemoActivity = { on: string; title: string; place?: string; at?: [number, number]; outcomes?: Outcome[]; description?: string };
export type DemoPromise = {
  /** A fixed id, for the pages of the accessibility sweep. */
  id?: string;
  text: string;
  owner: string;
  focus?: string;
  orgs: string[];
  target?: { quantity: number; unit: string; period: TargetPeriod };
  status?: "planerad" | "pagar" | "genomford" | "installd";
  verdict?: { verdict: Verdict; suggested: Verdict | null; reason: string };
  activities?: DemoActivity[];
};

function item(year: number): Item {
  const i = source.items.find((x) => x.year === year);
  if (!i) throw new Error(`demo: saknar ${year} i osby-medborgarloften.json`);
  return i;
}

function text(year: number, n: number): { text: string; owner: string } {
  const p = item(year).promises_excerpt[n];
  if (!p) throw new Error(`demo: saknar löfte ${n} för ${year}`);
  return { text: p.text, owner: OWNER[p.owner] ?? "tillsammans" };
}

/** Monthly targeted traffic controls through 2021 (demo figures; July has one, so July is missed). */
function trafficControls(): DemoActivity[] {
  const dates = ["05-27", "06-08", "06-22", "07-14", "08-05", "08-24", "09-09", "09-28", "10-06", "10-19", "10-29", "11-04", "11-23", "12-07", "12-16"];
  const places: Array<[string, [number, number] | undefined]> = [
    ["Lönsboda centrum", LONSBODA],
    ["Väg 15, Osby", OSBY],
    ["Killeberg", undefined],
    ["Osby centrum", OSBY],
  ];
  return dates.map((d, i) => {
    const [place, at] = places[i % places.length]!;
    return {
      on: `2021-${d}`,
      title: "Riktad trafikkontroll",
      place,
      at,
      outcomes: [
        { label: "kontrollerade fordon", value: 30 + ((i * 7) % 25) },
        { label: "rapporter", value: 1 + (i % 4) },
      ],
    };
  });
}

const FINDINGS_2021: Finding[] = [
  {
    text: "83 procent av de svarande i Osby kommun uppgav att de inte utsatts för något brott det senaste året (trygghetsmätningen 2019, 600 enkäter).",
    source: "trygghetsmatning",
    ref_url: "https://turism.osby.se/nyheter/nyheter-2019/2019/2019-11-12-tryggheten-i-osby-kommun-okar.html",
  },
  {
    text: "28,2 procent i Polisregion Syd kände sig otrygga ute sent på kvällen (trygghetsmätningen 2020, preliminärt regionalt resultat).",
    source: "trygghetsmatning",
    ref_url: "https://polisen.se/aktuellt/nyheter/2022/oktober/fler-kanner-sig-trygga-ute-sent-pa-kvallen/",
  },
  {
    text: "151 anmälda brott per 1 000 invånare i Polisregion Syd 2020, samma nivå som i riket.",
    source: "brottsstatistik",
    ref_url: "https://www.regionfakta.com/orebro-lan/halsa-och-ohalsa/anmalda-brott-per-1000-invanare/",
  },
];

const FINDINGS_2022: Finding[] = [
  {
    text: "Problemet ”bilar som kör för fort” i Lönsboda låg på nivå 5 (rött) på trygghetsmätningens skala 0–6 år 2021.",
    source: "trygghetsmatning",
    ref_url: "https://www.osby.se/nyheter/nyheter-2022/2022/2022-12-09-trygghetskanslan-okar-i-lonsboda---och-i-hela-osby-kommun.html",
  },
];

const FINDINGS_2024: Finding[] = [
  {
    text: "75 procent av de svarande i Osby kommun var oroliga för att utsättas för brott, främst inbrott och brott mot fordon (trygghetsmätningen 2022, 900 enkäter).",
    source: "trygghetsmatning",
    ref_url: "https://www.osby.se/nyheter/nyheter-2022/2022/2022-12-09-trygghetskanslan-okar-i-lonsboda---och-i-hela-osby-kommun.html",
  },
  {
    text: "Problemet ”bilar som kör för fort” i Lönsboda gick från nivå 5 (rött) 2021 till nivå 2 (grönt) 2022.",
    source: "trygghetsmatning",
    ref_url: "https://www.osby.se/nyheter/nyheter-2022/2022/2022-12-09-trygghetskanslan-okar-i-lonsboda---och-i-hela-osby-kommun.html",
  },
];

const DEMO_NOTE =
  "Trygg-demo: dokumentet är ett utdrag ur det publicerade medborgarlöftet (källor: osby.se och polisen.se); löftestexterna återges ordagrant. Giltighetsperioden är vald av demot. Lägesbilden är sammanställd ur offentlig statistik (se länkarna) och är inte dokumentets egen.";

/** Signatories whose names the source does not give have an empty name: staff pages say "namn ej angivet i källan", residents see title and organisation. */
export type DemoDocument = {
  id: string;
  title: string;
  from: string;
  to: string;
  introduction: string;
  focus: string[];
  findings: Finding[];
  signatories: Signatory[];
  place: string;
  signedOn: string;
  stated: number | null;
  note: string;
  followup: string | null;
  status: DocumentStatus;
  promises: DemoPromise[];
  events: Array<{ action: string; at: string; by: "samordnare" | "polis" }>;
};

export function osbyDemoDocuments(): DemoDocument[] {
  const docs: DemoDocument[] = [];
  const y21 = item(2021);
  const [kso, polis] = y21.signatories ?? [];
  const p21 = (n: number) => text(2021, n);

  docs.push({
    id: DEMO_DOCUMENT_IDS[2021],
    title: "Medborgarlöfte i Osby kommun 2021",
    from: "2021-05-19",
    to: "2021-12-31",
    introduction:
      "Osby kommun och Polisen har tecknat ett medborgarlöfte för 2021 med konkreta löften inom tre fokusområden: otrygga miljöer, trafikbrott och droganvändning.\n\nLöftet undertecknades den 19 maj 2021 i Osby av kommunstyrelsens ordförande Niklas Larsson (C) och kommunpolis Veronica Gustafsson.",
    focus: y21.focus ?? [],
    findings: FINDINGS_2021,
    signatories: [
      {
        name: "Niklas Larsson (C)",
        title: kso?.split(", ")[1] ?? "kommunstyrelsens ordförande",
        organisation: "Osby kommun",
        party: "kommunen",
        signed_on: y21.signed,
      },
      { name: "Veronica Gustafsson", title: polis?.split(", ")[1] ?? "kommunpolis", organisation: "Polisen", party: "polisen", signed_on: y21.signed },
    ],
    place: "Osby",
    signedOn: y21.signed,
    stated: y21.promise_count_stated ?? null,
    note: `${DEMO_NOTE} Giltighetsperioden 2021-05-19–2021-12-31 räknas från undertecknandet till årets slut. Målet ”minst 2 riktade trafikkontroller per månad” är ett illustrativt demovärde (källan anger inget antal). Aktiviteterna och bedömningarna är demodata, utom medborgarvandringen i Lönsboda den 10 november 2021 och det som nämns i citatet i uppföljningen.`,
    followup: `Så beskrev kommunpolisen året i februari 2022: ”${item(2022).followup_of_previous?.replace(/ \(Veronica Gustafsson, kommunpolis\)$/, "") ?? ""}” (Veronica Gustafsson, kommunpolis).`,
    status: "uppfoljt",
    events: [
      { action: "created", at: "2021-02-15", by: "samordnare" },
      { action: "signed", at: "2021-05-19", by: "polis" },
      { action: "published", at: "2021-05-19", by: "samordnare" },
      { action: "verdictsSaved", at: "2022-02-10", by: "samordnare" },
      { action: "followedUp", at: "2022-02-10", by: "samordnare" },
    ],
    promises: [
      {
        ...p21(3),
        focus: "otrygga miljöer",
        orgs: [LPO],
        activities: [
          { on: "2021-06-18", title: "Fotpatrullering under midsommarhelgen", place: "Osby centrum", at: OSBY },
          { on: "2021-08-27", title: "Synlig närvaro vid skolstarten", place: "Lönsboda", at: LONSBODA },
          { on: "2021-10-30", title: "Kvällspatrullering under höstlovet", place: "Osby tätort" },
        ],
        verdict: {
          verdict: "uppfyllt",
          suggested: null,
          reason: "Polisen har patrullerat till fots och varit synlig vid skolstart, helger och lov.",
        },
      },
      {
        ...p21(4),
        orgs: [LPO],
        verdict: { verdict: "delvis", suggested: null, reason: "Arbetet pågår och redovisas inte i detalj av hänsyn till pågående utredningar." },
      },
      {
        ...p21(5),
        focus: "trafikbrott",
        orgs: [LPO],
        target: { quantity: 2, unit: "riktade trafikkontroller", period: "month" },
        activities: trafficControls(),
        verdict: {
          verdict: "delvis",
          suggested: "delvis",
          reason: "Målet nåddes alla månader utom juli, då bara en kontroll genomfördes under semesterperioden.",
        },
      },
      {
        ...p21(0),
        focus: "otrygga miljöer",
        orgs: ["Kommunledningsförvaltningen"],
        activities: [{ on: "2021-09-03", title: "Nattvandring med föreningar och föräldrar", place: "Osby centrum", at: OSBY }],
        verdict: { verdict: "delvis", suggested: null, reason: "Nattvandringar startade under hösten men har inte pågått varje helg." },
      },
      {
        ...p21(1),
        focus: "otrygga miljöer",
        orgs: ["Samhällsbyggnadsförvaltningen"],
        activities: [
          {
            on: "2021-09-22",
            title: "Trygghetsvandring",
            place: "Osby tätort",
            at: OSBY,
            description: "Genomförd enligt kommunpolisens beskrivning 2022; datumet är demodata.",
          },
          { on: "2021-12-02", title: "Ny belysning på gångvägen vid stationen", place: "Osby tätort" },
        ],
        verdict: { verdict: "uppfyllt", suggested: null, reason: "Platser från trygghetsvandringen åtgärdades, bland annat med ny belysning." },
      },
      {
        ...p21(2),
        focus: "trafikbrott",
        orgs: ["Samhällsbyggnadsförvaltningen"],
        activities: [{ on: "2021-10-12", title: "Hastighetsdisplay uppsatt på infarten till Lönsboda", place: "Lönsboda", at: LONSBODA }],
        verdict: { verdict: "delvis", suggested: null, reason: "En hastighetsdisplay sattes upp; fler åtgärder planeras." },
      },
      {
        ...p21(6),
        orgs: ["Kommunledningsförvaltningen", LPO],
        target: { quantity: 1, unit: "medborgarvandring", period: "validity" },
        activities: [{ on: "2021-11-10", title: "Medborgarvandring", place: "Lönsboda centrum", at: LONSBODA }],
        status: "genomford",
        verdict: { verdict: "uppfyllt", suggested: "uppfyllt", reason: "Medborgarvandringen i Lönsboda centrum genomfördes den 10 november 2021." },
      },
      {
        ...p21(7),
        orgs: ["Kommunledningsförvaltningen", LPO],
        activities: [{ on: "2021-10-20", title: "Förberedande möte om EST med kommunens förvaltningar och bostadsbolaget", place: "Osby" }],
        verdict: {
          verdict: "delvis",
          suggested: null,
          reason: "Förberedelser gjordes 2021; enligt 2022 års medborgarlöfte startade arbetet med EST under 2022.",
        },
      },
    ],
  });

  const y22 = item(2022);
  docs.push({
    id: DEMO_DOCUMENT_IDS[2022],
    title: "Medborgarlöfte i Osby kommun 2022",
    from: "2022-01-01",
    to: "2022-12-31",
    introduction: "Osby kommun och Polisen förnyar sitt medborgarlöfte för 2022.",
    focus: [],
    findings: FINDINGS_2022,
    signatories: [
      { name: "", title: "företrädare för kommunen", organisation: "Osby kommun", party: "kommunen", signed_on: null },
      { name: "", title: "företrädare för Polisen", organisation: "Polisen", party: "polisen", signed_on: null },
    ],
    place: "Osby",
    signedOn: "2022-02-22",
    stated: null,
    note: `${DEMO_NOTE} Källan anger att löftet undertecknades i början av 2022; datumet 2022-02-22 är nyhetens publiceringsdag, och undertecknarnas namn och orten anges inte. Inga aktiviteter är registrerade för 2022 i demot.`,
    followup: null,
    status: "publicerat",
    events: [
      { action: "copied", at: "2022-01-20", by: "samordnare" },
      { action: "signed", at: "2022-02-22", by: "polis" },
      { action: "published", at: "2022-02-22", by: "samordnare" },
    ],
    promises: y22.promises_excerpt.map((_, i) => ({ ...text(2022, i), orgs: ["Kommunledningsförvaltningen", LPO] })),
  });

  const y24 = item(2024);
  const p24 = y24.promises_excerpt.map((_, i) => text(2024, i));
  docs.push({
    id: DEMO_DOCUMENT_IDS[2024],
    title: "Medborgarlöfte i Osby kommun 2024",
    from: "2024-01-01",
    to: "2024-12-31",
    introduction:
      "Medborgarlöftet för 2024 undertecknades den 7 maj 2024 och bygger på den lokala lägesbilden och polisens trygghetsmätning 2023. Nytt för året är gemensam tillsyn enligt alkohollagen och vid försäljning av tobak, e-cigaretter och folköl.",
    focus: [],
    findings: FINDINGS_2024,
    signatories: [
      { name: "", title: "företrädare för kommunen", organisation: "Osby kommun", party: "kommunen", signed_on: "2024-05-07" },
      { name: "", title: "företrädare för Polisen", organisation: "Polisen", party: "polisen", signed_on: "2024-05-07" },
    ],
    place: "Osby",
    signedOn: "2024-05-07",
    stated: null,
    note: `${DEMO_NOTE} Undertecknarnas namn och orten anges inte i källan. Det femte löftet är avkortat i källan och återges som det står där. Aktiviteterna 2024 är demodata.`,
    followup: null,
    status: "publicerat",
    events: [
      { action: "copied", at: "2024-02-01", by: "samordnare" },
      { action: "signed", at: "2024-05-07", by: "polis" },
      { action: "published", at: "2024-05-08", by: "samordnare" },
    ],
    promises: [
      {
        ...p24[0]!,
        orgs: ["Kommunledningsförvaltningen", LPO],
        activities: [
          { on: "2024-04-17", title: "Informationsmöte om grannsamverkan med Länsförsäkringar Göinge-Kristianstad", place: "Lönsboda", at: LONSBODA },
        ],
      },
      {
        ...p24[1]!,
        orgs: ["Kommunledningsförvaltningen", LPO],
        activities: ["2024-02-06", "2024-03-05", "2024-04-09", "2024-05-14", "2024-06-11", "2024-09-10", "2024-10-08", "2024-11-12"].map((on) => ({
          on,
          title: "EST-möte: gemensam veckolägesbild",
          place: "Osby",
        })),
      },
      {
        ...p24[2]!,
        orgs: ["Kommunledningsförvaltningen", LPO],
        target: { quantity: 1, unit: "medborgarvandring", period: "validity" },
        activities: [{ on: "2024-09-18", title: "Medborgarvandring", place: "Osby centrum", at: OSBY }],
        status: "genomford",
      },
      {
        ...p24[3]!,
        orgs: ["Samhällsbyggnadsförvaltningen", LPO],
        activities: [
          { on: "2024-06-20", title: "Gemensam tillsyn av serveringsställen inför midsommar", place: "Osby", outcomes: [{ label: "tillsynsbesök", value: 6 }] },
          {
            on: "2024-10-03",
            title: "Gemensam tillsyn av tobaks- och folkölsförsäljning",
            place: "Lönsboda",
            outcomes: [{ label: "tillsynsbesök", value: 4 }],
          },
        ],
      },
      {
        text: p24[4]!.text.replace(" (excerpt truncated in source snapshot)", " (texten är avkortad i källan)"),
        owner: p24[4]!.owner,
        orgs: ["Kommunledningsförvaltningen", LPO],
      },
    ],
  });

  // A draft of the next promise (demo): the coordinator's work in progress, never published.
  docs.push({
    id: DEMO_DOCUMENT_IDS.draft,
    title: "Medborgarlöfte i Osby kommun 2027 (utkast)",
    from: "2027-01-01",
    to: "2027-12-31",
    introduction: "Utkast till nästa medborgarlöfte, byggt på trygghetsmätningen och lägesbilden. Demodata: inget verkligt dokument.",
    focus: ["otrygga miljöer", "trafikbrott"],
    findings: FINDINGS_2024,
    signatories: [],
    place: "Osby",
    signedOn: "2027-01-01",
    stated: null,
    note: `${DEMO_NOTE} Utkastet är demodata.`,
    followup: null,
    status: "utkast",
    events: [{ action: "copied", at: "2026-11-20", by: "samordnare" }],
    promises: [
      { ...p24[0]!, id: DEMO_DRAFT_PROMISE_ID, orgs: ["Kommunledningsförvaltningen", LPO], status: "planerad" },
      {
        ...p24[2]!,
        orgs: ["Kommunledningsförvaltningen", LPO],
        target: { quantity: 1, unit: "medborgarvandring", period: "validity" },
        status: "planerad",
      },
    ],
  });
  return docs;
}
