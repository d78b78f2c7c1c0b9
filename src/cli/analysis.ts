// `trygg analysis …` — the analysis engine on CSV files (see `trygg analysis --help`).
// Thin layer: argument parsing, file I/O and messages here; the computations live in
// src/analysis (pure functions) and src/analysis/node (streaming readers, worker threads).
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { AnalysisError } from "../analysis/errors.ts";
import { COLUMN_ALIASES, findColumn, RowParser, type RowColumns } from "../analysis/csv-scan.ts";
import { hotspotCsvHeader, writeHotspotRows } from "../analysis/csv-format.ts";
import { ByteWriter } from "../analysis/byte-writer.ts";
import { getisOrdPoints } from "../analysis/getis-ord.ts";
import { hotspotsFromCells, validateHotspotOptions } from "../analysis/hotspots.ts";
import type { KernelName } from "../analysis/kde.ts";
import { twoSidedPValues } from "../analysis/normal.ts";
import type { SkippedPoints } from "../analysis/points.ts";
import { type BoundaryCrs, ringsFromGeoJson, type Rings } from "../analysis/polygon.ts";
import { isAcceptedLatLon, isAcceptedSweref, projectFromSweref, projectToSweref } from "../analysis/projection.ts";
import { loadIncidentCells, readCsvHeader } from "../analysis/node/load-incidents.ts";
import { CliError } from "./cli-error.ts";

const USAGE = `Användning: trygg analysis <delkommando> [flaggor]

Analysmotorn: SWEREF 99 TM-projektion, rutnät, Getis-Ord Gi*/Gi, FDR, framväxande
hot spots och kärntäthet. Alla filer är CSV med rubrikrad (avgränsare , eller ;).

  project  --input F --out F [--inverse]
           lägger till n,e (SWEREF 99 TM, meter) efter kolumnerna lat,lon;
           med --inverse läggs lat,lon till efter kolumnerna n,e.
  hotspots --input F --cell M --band M --out F [--gi] [--fdr] [--weight KOLUMN]
           [--boundary F.geojson [--boundary-crs wgs84|sweref99tm|auto]]
           händelser (kolumnerna lat,lon, övriga ignoreras) → en rad per cell:
           cell,e,n,count,neighbours,gi_z,p,q,class (e,n = cellens mitt). Skriver en JSON-rad med
           tidsåtgång per steg på standard ut.
  gistar   --input F --band M --out F [--gi]
           föraggregerade celler (x,y,value i meter) → lägger till gi_z,p.
  kde      --input F --kernel quartic|epanechnikov|disc|gaussian
           (--radius R | --sigma S) --grid x0,y0,x1,y1,steg --out F
           punkter (x,y[,weight] i meter) → x,y,density (per m²) för varje nod.
  emerging --input F --cell M --band M --out F [--time-step K] [--alpha A]
           [--no-fdr] [--cube F] [--boundary F.geojson]
           händelser (lat,lon,ts) → per cell mönster (ny, sammanhängande,
           intensifierad, ihållande, avtagande, sporadisk, växlande, historisk
           hot/cold spot) och Mann-Kendall-trend; veckor enligt ISO 8601 i
           svensk lokal tid.

Gemensamt:
  --cell M     cellstorlek i meter (SWEREF 99 TM), cellid "ix_iy" med ix = ⌊E/M⌋
  --band M     avståndsband i meter mellan cellcentrum (inklusive), minst cellstorleken
  --gi         Gi (cellen själv utesluten) i stället för Gi*
  --fdr        klassa hot/cold spots på FDR-justerade q-värden (standard: p-värden)
  class        hot99/hot95/hot90, cold99/cold95/cold90 eller ns

Rader med ogiltiga eller orimliga koordinater hoppas över och rapporteras på
standard fel (antal och de första radnumren).`;

type Args = Map<string, string | true>;

// Modules only some subcommands need are loaded when used (less to strip and compile at start).
const csvIo = () => import("../analysis/node/csv-io.ts");

function parseArgs(argv: string[], values: readonly string[], flags: readonly string[]): Args {
  const out: Args = new Map();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new CliError(`oväntat argument "${a}" – se trygg analysis --help`, 2);
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (flags.includes(name)) {
      if (eq > 0) throw new CliError(`flaggan --${name} tar inget värde`, 2);
      out.set(name, true);
    } else if (values.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new CliError(`--${name} kräver ett värde`, 2);
      out.set(name, v);
    } else throw new CliError(`okänd flagga --${name} – se trygg analysis --help`, 2);
  }
  return out;
}

function str(args: Args, name: string): string {
  const v = args.get(name);
  if (v === undefined || v === true) throw new CliError(`--${name} saknas – se trygg analysis --help`, 2);
  return v;
}

function metres(args: Args, name: string, what: string): number {
  const text = str(args, name);
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) throw new CliError(`--${name} måste vara ett tal (${what}), fick "${text}"`, 2);
  if (v <= 0) throw new CliError(`--${name} måste vara större än 0 (${what}), fick ${text}`, 2);
  return v;
}

function inputFile(args: Args): string {
  const file = str(args, "input");
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`indatafilen finns inte: ${file}`);
  if (statSync(file).size === 0) throw new CliError(`indatafilen är tom: ${file}`);
  return file;
}

function header(file: string): ReturnType<typeof readCsvHeader> {
  const h = readCsvHeader(file);
  if (h.names.length === 0 || (h.names.length === 1 && h.names[0] === "")) throw new CliError(`indatafilen saknar rubrikrad: ${file}`);
  return h;
}

function column(h: { names: string[] }, file: string, key: keyof typeof COLUMN_ALIASES, label = key): number {
  const i = findColumn(h.names, COLUMN_ALIASES[key]);
  if (i < 0) throw new CliError(`kolumnen "${label}" saknas i ${file} (kolumner: ${h.names.join(", ")})`);
  return i;
}

function boundary(args: Args): Rings | undefined {
  const file = args.get("boundary");
  if (file === undefined || file === true) return undefined;
  if (!existsSync(file)) throw new CliError(`gränsfilen finns inte: ${file}`);
  const crs = (args.get("boundary-crs") ?? "auto") as BoundaryCrs;
  if (!["auto", "wgs84", "sweref99tm"].includes(crs)) throw new CliError("--boundary-crs ska vara wgs84, sweref99tm eller auto", 2);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new CliError(`gränsfilen är inte giltig JSON: ${file}`);
  }
  try {
    return ringsFromGeoJson(json, crs);
  } catch (e) {
    throw new CliError(`${(e as Error).message}: ${file}`);
  }
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Report skipped rows on stderr; returns the total. */
function reportSkipped(groups: Array<[string, SkippedPoints]>): number {
  let total = 0;
  for (const [why, s] of groups) {
    if (s.count === 0) continue;
    total += s.count;
    const more = s.count > s.first.length ? " …" : "";
    process.stderr.write(`trygg: varning: hoppade över ${plural(s.count, "rad", "rader")} med ${why} (rad ${s.first.join(", ")}${more})\n`);
  }
  return total;
}

function noData(file: string, skipped: number): never {
  throw new CliError(
    skipped > 0 ? `inga giltiga rader i ${file} (${plural(skipped, "rad", "rader")} överhoppade)` : `indatafilen innehåller inga datarader: ${file}`,
  );
}

const ms = (x: number): number => Math.round(x * 10) / 10;

async function runHotspots(argv: string[]): Promise<number> {
  const t0 = performance.now();
  const args = parseArgs(argv, ["input", "cell", "band", "out", "weight", "boundary", "boundary-crs"], ["gi", "fdr"]);
  const file = inputFile(args);
  const out = str(args, "out");
  const cellSize = metres(args, "cell", "meter");
  const band = metres(args, "band", "meter");
  const options = {
    cellSize,
    band,
    statistic: args.has("gi") ? ("gi" as const) : ("gistar" as const),
    classifyBy: args.has("fdr") ? ("q" as const) : ("p" as const),
    boundary: boundary(args),
  };
  try {
    validateHotspotOptions(options);
  } catch (e) {
    throw e instanceof AnalysisError ? new CliError(e.message) : e;
  }
  const h = header(file);
  const weightName = args.get("weight");
  let w = -1;
  if (typeof weightName === "string") {
    w = h.names.indexOf(weightName.toLowerCase());
    if (w < 0) throw new CliError(`kolumnen "${weightName}" saknas i ${file} (kolumner: ${h.names.join(", ")})`);
  }
  const cols: RowColumns = { a: column(h, file, "lat"), b: column(h, file, "lon"), w, t: -1 };
  const loaded = await loadIncidentCells({
    file,
    cols,
    delimiter: h.delimiter,
    dataStart: h.dataStart,
    kind: "latlon",
    cellSize,
    weighted: w >= 0,
    keepWorker: true,
  });
  try {
    return await finishHotspots(loaded, file, out, options, t0);
  } finally {
    await loaded.helper?.close();
  }
}

async function finishHotspots(
  loaded: Awaited<ReturnType<typeof loadIncidentCells>>,
  file: string,
  out: string,
  options: Parameters<typeof hotspotsFromCells>[1],
  t0: number,
): Promise<number> {
  const skipped = reportSkipped([
    ["ogiltiga tal", loaded.unparsable],
    ["för få kolumner", loaded.missingFields],
    ["koordinater utanför Sverige med omnejd (lat 52–72, lon 5–30)", loaded.outOfRange],
  ]);
  if (loaded.rows === 0) noData(file, skipped);
  let result: ReturnType<typeof hotspotsFromCells>;
  try {
    result = hotspotsFromCells(loaded.cells, options, { points: loaded.rows, skipped: { count: skipped, first: [] } });
  } catch (e) {
    throw e instanceof AnalysisError ? new CliError(e.message) : e;
  }
  if (result.outside > 0) {
    process.stderr.write(`trygg: varning: ${plural(result.outside, "händelse", "händelser")} ligger utanför gränsen och ingår inte\n`);
  }
  const tw = performance.now();
  const n = result.ix.length;
  const fd = openSync(out, "w");
  try {
    const sink = (b: Uint8Array): void => {
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    };
    const bw = new ByteWriter(sink);
    bw.ascii(hotspotCsvHeader(result));
    // Large tables: the loader's worker formats the second half while we format the first.
    const split = loaded.helper && n >= 50_000 ? Math.floor(n * 0.5) : n;
    const rest = split < n && loaded.helper ? loaded.helper.formatHotspotRows(result, split, n) : undefined;
    writeHotspotRows(bw, result, 0, split);
    bw.end();
    if (rest) for (const chunk of await rest) sink(chunk);
  } finally {
    closeSync(fd);
  }
  const t1 = performance.now();
  const timings = {
    load: ms(loaded.times.read + loaded.times.parse),
    project: ms(loaded.times.project),
    bin: ms(loaded.times.bin + loaded.merge),
    nb: ms(result.timings.nb),
    gistar: ms(result.timings.gistar),
    write: ms(t1 - tw),
    total_ms: ms(t1 - t0),
    n: loaded.rows,
    cells: n,
    threads: loaded.threads,
    parallel_ms: ms(loaded.wall),
    segments: [loaded.segmentsMain, loaded.segmentsWorker],
    skipped: {
      rows: skipped,
      unparsable: loaded.unparsable.count,
      missing_fields: loaded.missingFields.count,
      out_of_range: loaded.outOfRange.count,
      outside_boundary: result.outside,
    },
  };
  process.stdout.write(`${JSON.stringify(timings)}\n`);
  return 0;
}

async function runProject(argv: string[]): Promise<number> {
  const { streamRows } = await csvIo();
  const args = parseArgs(argv, ["input", "out"], ["inverse"]);
  const file = inputFile(args);
  const out = str(args, "out");
  const inverse = args.has("inverse");
  const h = header(file);
  const cols: RowColumns = inverse
    ? { a: column(h, file, "n"), b: column(h, file, "e"), w: -1, t: -1 }
    : { a: column(h, file, "lat"), b: column(h, file, "lon"), w: -1, t: -1 };
  const parser = new RowParser(cols, h.delimiter, 2, true);
  const fd = openSync(out, "w");
  const sink = (b: Uint8Array): void => {
    let off = 0;
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
  };
  const bw = new ByteWriter(sink);
  const headText = readFileSync(file)
    .subarray(0, h.dataStart)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .replace(/\r?\n$/, "");
  const sep = String.fromCharCode(h.delimiter);
  bw.ascii(`${headText}${sep}${inverse ? `lat${sep}lon` : `n${sep}e`}\n`);
  const outOfRange: SkippedPoints = { count: 0, first: [] };
  let rows = 0;
  const x = new Float64Array(65536);
  const y = new Float64Array(65536);
  try {
    streamRows(file, h.dataStart, parser, 65536, (buf, batch) => {
      if (inverse) projectFromSweref(batch.a, batch.b, x, y, 0, batch.n);
      else projectToSweref(batch.a, batch.b, x, y, 0, batch.n);
      for (let i = 0; i < batch.n; i++) {
        const ok = inverse ? isAcceptedSweref(batch.a[i], batch.b[i]) : isAcceptedLatLon(batch.a[i], batch.b[i]);
        if (!ok) {
          outOfRange.count++;
          if (outOfRange.first.length < 10) outOfRange.first.push(batch.line[i]);
          continue;
        }
        bw.bytes(buf.subarray(batch.rowStart[i], batch.rowEnd[i]));
        bw.byte(h.delimiter);
        bw.num(x[i]);
        bw.byte(h.delimiter);
        bw.num(y[i]);
        bw.byte(10);
        rows++;
      }
    });
    bw.end();
  } finally {
    closeSync(fd);
  }
  const skipped = reportSkipped([
    ["ogiltiga tal", parser.bad],
    ["för få kolumner", parser.short],
    [inverse ? "koordinater utanför SWEREF 99 TM:s område" : "koordinater utanför Sverige med omnejd (lat 52–72, lon 5–30)", outOfRange],
  ]);
  if (rows === 0) noData(file, skipped);
  return 0;
}

/** Read every valid row of the chosen columns into arrays (for the smaller subcommands). */
function readColumns(
  streamRows: Awaited<ReturnType<typeof csvIo>>["streamRows"],
  file: string,
  h: { delimiter: number; dataStart: number },
  cols: RowColumns,
  keepText: boolean,
): { a: Float64Array; b: Float64Array; w: Float64Array; day: Float64Array; line: Int32Array; text: string[]; parser: RowParser } {
  const parser = new RowParser(cols, h.delimiter, 2, keepText);
  const chunks: Array<{ a: Float64Array; b: Float64Array; w: Float64Array; day: Float64Array; line: Int32Array }> = [];
  const text: string[] = [];
  const dec = new TextDecoder();
  streamRows(file, h.dataStart, parser, 65536, (buf, batch) => {
    chunks.push({
      a: batch.a.slice(0, batch.n),
      b: batch.b.slice(0, batch.n),
      w: batch.w.slice(0, batch.n),
      day: batch.day.slice(0, batch.n),
      line: batch.line.slice(0, batch.n),
    });
    if (keepText) for (let i = 0; i < batch.n; i++) text.push(dec.decode(buf.subarray(batch.rowStart[i], batch.rowEnd[i])));
  });
  const n = chunks.reduce((s, c) => s + c.a.length, 0);
  const res = {
    a: new Float64Array(n),
    b: new Float64Array(n),
    w: new Float64Array(n),
    day: new Float64Array(n),
    line: new Int32Array(n),
    text,
    parser,
  };
  let o = 0;
  for (const c of chunks) {
    res.a.set(c.a, o);
    res.b.set(c.b, o);
    res.w.set(c.w, o);
    res.day.set(c.day, o);
    res.line.set(c.line, o);
    o += c.a.length;
  }
  return res;
}

async function runGistar(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["input", "band", "out"], ["gi"]);
  const file = inputFile(args);
  const out = str(args, "out");
  const band = metres(args, "band", "meter");
  const h = header(file);
  const cols: RowColumns = { a: column(h, file, "x"), b: column(h, file, "y"), w: column(h, file, "value"), t: -1 };
  const { CsvWriter, streamRows } = await csvIo();
  const data = readColumns(streamRows, file, h, cols, true);
  const skipped = reportSkipped([
    ["ogiltiga tal", data.parser.bad],
    ["för få kolumner", data.parser.short],
  ]);
  const n = data.a.length;
  if (n === 0) noData(file, skipped);
  if (n < 3) throw new CliError(`för få celler (${n}) för Gi*: minst 3 behövs`);
  const res = getisOrdPoints(data.a, data.b, data.w, band, args.has("gi") ? "gi" : "gistar");
  const p = twoSidedPValues(res.z);
  const writer = new CsvWriter(out);
  const sep = String.fromCharCode(h.delimiter);
  writer.write(
    `${readFileSync(file)
      .subarray(0, h.dataStart)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .replace(/\r?\n$/, "")}${sep}gi_z${sep}p\n`,
  );
  for (let i = 0; i < n; i++) writer.write(`${data.text[i]}${sep}${res.z[i]}${sep}${p[i]}\n`);
  writer.close();
  return 0;
}

async function runKde(argv: string[]): Promise<number> {
  const { KERNELS, kernelDensity } = await import("../analysis/kde.ts");
  const { CsvWriter, streamRows } = await csvIo();
  const args = parseArgs(argv, ["input", "kernel", "radius", "sigma", "grid", "out"], []);
  const file = inputFile(args);
  const out = str(args, "out");
  const kernel = str(args, "kernel") as KernelName;
  if (!KERNELS.includes(kernel)) throw new CliError(`okänd kärna "${kernel}" (välj ${KERNELS.join(", ")})`, 2);
  const radius = args.has("radius") ? metres(args, "radius", "meter") : undefined;
  const sigma = args.has("sigma") ? metres(args, "sigma", "meter") : undefined;
  const g = str(args, "grid")
    .split(",")
    .map((s) => Number(s.trim()));
  if (g.length !== 5 || !g.every(Number.isFinite)) throw new CliError("--grid ska vara x0,y0,x1,y1,steg (meter)", 2);
  const h = header(file);
  const wcol = findColumn(h.names, COLUMN_ALIASES.weight);
  const cols: RowColumns = { a: column(h, file, "x"), b: column(h, file, "y"), w: wcol, t: -1 };
  const data = readColumns(streamRows, file, h, cols, false);
  const skipped = reportSkipped([
    ["ogiltiga tal", data.parser.bad],
    ["för få kolumner", data.parser.short],
  ]);
  if (data.a.length === 0) noData(file, skipped);
  let res: ReturnType<typeof kernelDensity>;
  try {
    res = kernelDensity(data.a, data.b, wcol >= 0 ? data.w : undefined, {
      kernel,
      radius,
      sigma,
      grid: { x0: g[0], y0: g[1], x1: g[2], y1: g[3], step: g[4] },
    });
  } catch (e) {
    throw e instanceof AnalysisError ? new CliError(e.message) : e;
  }
  const writer = new CsvWriter(out);
  writer.write("x,y,density\n");
  for (let j = 0; j < res.ny; j++) {
    const parts: string[] = [];
    for (let i = 0; i < res.nx; i++) parts.push(`${res.xs[i]},${res.ys[j]},${res.density[j * res.nx + i]}\n`);
    writer.write(parts.join(""));
  }
  writer.close();
  return 0;
}

async function runEmerging(argv: string[]): Promise<number> {
  const { computeEmergingHotspots } = await import("../analysis/emerging.ts");
  const { CUBE_CSV_HEADER, EMERGING_CSV_HEADER, formatCubeRows, formatEmergingRows } = await import("../analysis/emerging-format.ts");
  const { CsvWriter, streamRows } = await csvIo();
  const args = parseArgs(argv, ["input", "cell", "band", "out", "time-step", "alpha", "cube", "boundary", "boundary-crs", "weight"], ["no-fdr"]);
  const file = inputFile(args);
  const out = str(args, "out");
  const cellSize = metres(args, "cell", "meter");
  const band = metres(args, "band", "meter");
  const timeStep = args.has("time-step") ? Number(str(args, "time-step")) : 1;
  if (!Number.isInteger(timeStep) || timeStep < 0) throw new CliError("--time-step ska vara ett heltal ≥ 0", 2);
  const alpha = args.has("alpha") ? Number(str(args, "alpha")) : 0.1;
  if (!(alpha > 0 && alpha < 1)) throw new CliError("--alpha ska vara ett tal mellan 0 och 1", 2);
  const options = { cellSize, band, timeStep, alpha, trendAlpha: alpha, fdr: !args.has("no-fdr"), boundary: boundary(args) };
  try {
    validateHotspotOptions(options);
  } catch (e) {
    throw e instanceof AnalysisError ? new CliError(e.message) : e;
  }
  const h = header(file);
  const weightName = args.get("weight");
  let w = -1;
  if (typeof weightName === "string") {
    w = h.names.indexOf(weightName.toLowerCase());
    if (w < 0) throw new CliError(`kolumnen "${weightName}" saknas i ${file} (kolumner: ${h.names.join(", ")})`);
  }
  const cols: RowColumns = { a: column(h, file, "lat"), b: column(h, file, "lon"), w, t: column(h, file, "ts") };
  const data = readColumns(streamRows, file, h, cols, false);
  let res: ReturnType<typeof computeEmergingHotspots>;
  try {
    res = computeEmergingHotspots({ lat: data.a, lon: data.b, day: data.day, weight: w >= 0 ? data.w : undefined }, options);
  } catch (e) {
    if (e instanceof AnalysisError) {
      reportSkipped([
        ["ogiltiga tal eller tidsstämplar", data.parser.bad],
        ["för få kolumner", data.parser.short],
      ]);
      if (data.a.length === 0) noData(file, data.parser.bad.count + data.parser.short.count);
      throw new CliError(e.message);
    }
    throw e;
  }
  reportSkipped([
    ["ogiltiga tal eller tidsstämplar", data.parser.bad],
    ["för få kolumner", data.parser.short],
    ["koordinater utanför Sverige med omnejd (lat 52–72, lon 5–30)", { count: res.skipped.count, first: res.skipped.first.map((i) => data.line[i]) }],
  ]);
  if (res.outside > 0) {
    process.stderr.write(`trygg: varning: ${plural(res.outside, "händelse", "händelser")} ligger utanför gränsen och ingår inte\n`);
  }
  const writer = new CsvWriter(out);
  writer.write(EMERGING_CSV_HEADER);
  const n = res.ix.length;
  for (let i = 0; i < n; i += 8192) writer.write(formatEmergingRows(res, i, Math.min(n, i + 8192)));
  writer.close();
  const cube = args.get("cube");
  if (typeof cube === "string") {
    const cw = new CsvWriter(cube);
    cw.write(CUBE_CSV_HEADER);
    for (let i = 0; i < n; i += 1024) cw.write(formatCubeRows(res, i, Math.min(n, i + 1024)));
    cw.close();
  }
  return 0;
}

/** Entry point used by src/cli/main.ts. */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === "--help" || sub === "-h" || sub === "help") {
    process.stdout.write(`${USAGE}\n`);
    return sub ? 0 : 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  switch (sub) {
    case "project":
      return runProject(rest);
    case "hotspots":
      return runHotspots(rest);
    case "gistar":
      return runGistar(rest);
    case "kde":
      return runKde(rest);
    case "emerging":
      return runEmerging(rest);
    default:
      throw new CliError(`okänt delkommando "${sub}" – kör "trygg analysis --help"`, 2);
  }
}
