// The public facts the Osby demo reproduces, read from osby-crime-and-safety-facts.csv (a
// byte-for-byte copy of the project's shared data; see PROVENANCE.md). Nothing here is invented:
// if a row is missing the demo fails to seed rather than make up a "fact".
import { readFileSync } from "node:fs";
import { parseCsv } from "../domain/csv-import.ts";

export const FACTS_FILE = new URL("./osby-crime-and-safety-facts.csv", import.meta.url);

export type Fact = { metric: string; area: string; year: number; value: number; unit: string; source: string; note: string };

export function readFacts(): Fact[] {
  const rows = parseCsv(readFileSync(FACTS_FILE, "utf8"), ",");
  const [header, ...data] = rows;
  if (header?.fields.join(",") !== "metric,area,year,value,unit,source_url,note") throw new Error("osby-crime-and-safety-facts.csv har oväntade kolumner");
  return data.map(({ fields: f }) => ({ metric: f[0]!, area: f[1]!, year: Number(f[2]), value: Number(f[3]), unit: f[4]!, source: f[5]!, note: f[6] ?? "" }));
}

function one(facts: readonly Fact[], metric: string, area: string, year: number): Fact {
  const f = facts.find((x) => x.metric === metric && x.area === area && x.year === year);
  if (!f) throw new Error(`faktauppgiften saknas: ${metric}, ${area}, ${year}`);
  return f;
}

/** What the demo takes from the facts. */
export function osbyFacts() {
  const facts = readFacts();
  const speeding = "trygghetsmätning: problemindex 'bilar som kör för fort'";
  return {
    /** The police's index for speeding in Lönsboda: red 5 (2021) → green 2 (2022). */
    speedingLonsboda: [one(facts, speeding, "Lönsboda (Osby kommun)", 2021), one(facts, speeding, "Lönsboda (Osby kommun)", 2022)],
    /** 600 questionnaires in 2019, about half answered; 83 % had not been victims of any crime. */
    sent2019: one(facts, "trygghetsmätning: enkäter utskickade", "Osby kommun (1273)", 2019),
    notVictim2019: one(facts, "trygghetsmätning: ej utsatta för något brott senaste året", "Osby kommun (1273)", 2019),
    /** 900 questionnaires in 2022; 75 % worried about being victims of crime. */
    sent2022: one(facts, "trygghetsmätning: enkäter utskickade", "Osby kommun (1273)", 2022),
    worried2022: one(facts, "trygghetsmätning: oroliga att utsättas för brott", "Osby kommun (1273)", 2022),
    /** Reported violent and sexual crime in Osby kommun, 2016 and 2017 (Brå via Newsworthy). */
    reported: facts.filter((f) => (f.metric === "anmälda våldsbrott" || f.metric === "anmälda sexualbrott") && f.area === "Osby kommun (1273)"),
  };
}
