// PDF benchmark: the time to render the Osby demo's 2021 medborgarlöfte (the followed-up excerpt
// with its activities) as its PDF and its follow-up report, in Swedish and English — the render
// alone (view already loaded) and the whole public route (load + render + send). Embedded
// PGlite with the Osby demo; the first renders (font loading, JIT) are warm-up, not counted.
// CPU time (user + system of this process) is reported beside wall time: on a shared machine it
// moves far less with other load.
//
//   node bench/pdf/run.ts [--reps N]
import { parseArgs } from "node:util";
import { DEMO_DOCUMENT_IDS } from "../../src/modules/promises/demo/osby.ts";
import { renderDocumentPdf, renderFollowUpPdf } from "../../src/modules/promises/pdf/render.ts";
import { findDocument } from "../../src/modules/promises/repo/documents.ts";
import { loadDocumentViews } from "../../src/modules/promises/service/views.ts";
import { seedOsby } from "../../src/modules/seed.ts";
import { createTestApp } from "../../src/platform/testing/harness.ts";

const { values } = parseArgs({ options: { reps: { type: "string", default: "40" } } });
const reps = Number(values.reps);

const t = await createTestApp();
await seedOsby(t.db);
const id = DEMO_DOCUMENT_IDS[2021];
const tenant = await t.db.selectFrom("tenants").select("id").where("slug", "=", "osby").executeTakeFirstOrThrow();
const doc = await findDocument(t.db, tenant.id, id);
const [view] = await loadDocumentViews(t.db, tenant.id, [doc!], { asOf: "2026-01-10" });
const url = "http://127.0.0.1:3000/t/osby/medborgarlofte/x";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time and CPU time (user + system of this process: less sensitive to other load) per run. */
async function time(run: () => Promise<Buffer>): Promise<{ median: number; min: number; cpu: number; bytes: number; pages: number }> {
  let last: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 5; i++) last = await run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const start = performance.now();
    last = await run();
    times.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const pages = (last.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
  return { median: median(times), min: Math.min(...times), cpu: median(cpu), bytes: last.length, pages };
}

async function route(path: string): Promise<Buffer> {
  const res = await t.app.inject({ method: "GET", url: path });
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
  return res.rawPayload;
}

const cases: Array<[string, () => Promise<Buffer>]> = [
  ["render: 2021 document, sv", () => renderDocumentPdf(view!, { publicUrl: url, locale: "sv" })],
  ["render: 2021 document, en", () => renderDocumentPdf(view!, { publicUrl: url, locale: "en" })],
  ["render: 2021 follow-up, sv", () => renderFollowUpPdf(view!, { publicUrl: url, asOf: "2026-01-10", locale: "sv" })],
  ["route: GET …/{2021}.pdf", () => route(`/t/osby/medborgarlofte/${id}.pdf`)],
  ["route: GET …/{2021}.pdf?lang=en", () => route(`/t/osby/medborgarlofte/${id}.pdf?lang=en`)],
];
console.log(`${reps} runs each after 5 warm-up runs`);
console.log("| case | median ms | min ms | CPU ms (median) | bytes | pages |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const [name, run] of cases) {
  const r = await time(run);
  console.log(`| ${name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.bytes} | ${r.pages} |`);
}
await t.close();
