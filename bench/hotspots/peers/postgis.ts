// Peer: PostgreSQL 15 + PostGIS 3.3 — Gi* in SQL, each step one statement, timed from the client.
//
//   node bench/hotspots/peers/postgis.ts --input F --cell M --band M --out F [--host SOCKDIR --port P]
//
// Without --host/--port it starts (and afterwards removes) its own throw-away server.
//
//   load    COPY incidents(lat, lon, ts timestamptz, category) FROM the CSV   (server-side COPY)
//   project ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3006)  → UNLOGGED table
//   bin     GROUP BY floor(ST_X/cell), floor(ST_Y/cell)
//   nb      cell centroids + GiST index + ST_DWithin(a, b, band) self-join → neighbour pairs
//   gistar  lag sums, global mean/variance, z (spdep's localG formula), p = erfc(|z|/√2)
//           (Numerical Recipes erfcc, PostgreSQL 15 has no erf; fractional error < 1.2e-7),
//           q = Benjamini–Hochberg with a window function, class hot/cold 99/95/90 from p
//   write   COPY (cell, count, gi_z, p, q, class) TO a CSV file (server-side)
// All tables are UNLOGGED. Peak memory is the backend's VmHWM from /proc (it includes the shared
// buffers the backend touched; parallel workers are separate processes and not included).

import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { startPg, type PgServer } from "../lib/pg-server.ts";
import { StepTimer, parseArgs } from "../lib/steps.ts";

const args = parseArgs(process.argv.slice(2));
const input = args.input ? resolve(args.input) : undefined;
const out = args.out ? resolve(args.out) : undefined;
const cell = Number(args.cell ?? 100);
const band = Number(args.band ?? 250);
if (!input || !out) throw new Error("usage: --input F --out F [--cell M --band M] [--host DIR --port P]");
if (!Number.isFinite(cell) || !Number.isFinite(band)) throw new Error("bad --cell/--band");

let server: PgServer | null = null;
let host = args.host;
let port = Number(args.port);
let outDir = args["out-dir"];
if (!host) {
  server = await startPg();
  host = server.host;
  port = server.port;
  outDir = server.outDir;
}
if (!outDir) throw new Error("--out-dir (a directory the server can write) is required with --host");

const client = new pg.Client({ host, port, user: "postgres", database: "postgres" });
await client.connect();
try {
  // setup, not timed
  await client.query("CREATE EXTENSION IF NOT EXISTS postgis");
  await client.query("DROP TABLE IF EXISTS incidents, projected, cells, cellg, nb, gi");
  await client.query("CREATE UNLOGGED TABLE incidents (lat float8, lon float8, ts timestamptz, category text)");
  await client.query(`CREATE OR REPLACE FUNCTION bench_erfc(x float8) RETURNS float8 IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    SELECT CASE WHEN x * x > 700 THEN 0.0 ELSE t * exp(-x*x - 1.26551223 + t*(1.00002368 + t*(0.37409196 + t*(0.09678418 + t*(-0.18628806 + t*(0.27886807
           + t*(-1.13520398 + t*(1.48851587 + t*(-0.82215223 + t*0.17087277))))))))) END
    FROM (SELECT 1.0 / (1.0 + 0.5 * x) AS t) s $$`);
  const pid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
  const version = (await client.query("SELECT split_part(version(), ' ', 2) AS pg, postgis_lib_version() AS postgis")).rows[0];

  const t = new StepTimer();
  const loaded = await client.query(`COPY incidents FROM ${lit(input)} WITH (FORMAT csv, HEADER true)`);
  t.lap("load");
  await client.query("CREATE UNLOGGED TABLE projected AS SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3006) AS geom FROM incidents");
  t.lap("project");
  await client.query(
    `CREATE UNLOGGED TABLE cells AS SELECT floor(ST_X(geom) / ${cell})::int AS ix, floor(ST_Y(geom) / ${cell})::int AS iy, count(*)::int AS c FROM projected GROUP BY 1, 2`,
  );
  t.lap("bin");
  await client.query(
    `CREATE UNLOGGED TABLE cellg AS SELECT row_number() OVER () AS id, ix, iy, c, ST_SetSRID(ST_MakePoint((ix + 0.5) * ${cell}, (iy + 0.5) * ${cell}), 3006) AS geom FROM cells`,
  );
  await client.query("CREATE INDEX cellg_geom ON cellg USING gist (geom)");
  await client.query("ANALYZE cellg");
  await client.query(`CREATE UNLOGGED TABLE nb AS SELECT a.id AS i, b.c AS cj FROM cellg a JOIN cellg b ON ST_DWithin(a.geom, b.geom, ${band})`);
  t.lap("nb");
  await client.query(`CREATE UNLOGGED TABLE gi AS
    WITH s AS (SELECT count(*)::float8 AS n, avg(c::float8) AS xbar FROM cellg),
         v AS (SELECT sum((g.c - s.xbar) ^ 2) / min(s.n) AS s2 FROM cellg g CROSS JOIN s),
         lag AS (SELECT i, sum(cj)::float8 AS lx, count(*)::float8 AS w FROM nb GROUP BY i),
         zz AS (SELECT g.ix, g.iy, g.c, (l.lx - l.w * s.xbar) / sqrt(v.s2 * (s.n * l.w - l.w * l.w) / (s.n - 1)) AS z
                FROM cellg g JOIN lag l ON l.i = g.id CROSS JOIN s CROSS JOIN v),
         pp AS (SELECT *, bench_erfc(abs(z) / sqrt(2.0)) AS p FROM zz),
         rk AS (SELECT *, row_number() OVER (ORDER BY p) AS r, count(*) OVER () AS m FROM pp)
    SELECT ix, iy, c, z, p, least(1.0, min(p * m / r) OVER (ORDER BY p DESC, r DESC ROWS UNBOUNDED PRECEDING)) AS q FROM rk`);
  t.lap("gistar");
  const tmpOut = join(outDir, `gi-${process.pid}.csv`);
  await client.query(
    `COPY (SELECT ix || '_' || iy AS cell, c AS count, z AS gi_z, p, q,
                  CASE WHEN p < 0.1 AND z <> 0 THEN (CASE WHEN z > 0 THEN 'hot' ELSE 'cold' END)
                       || (CASE WHEN p < 0.01 THEN '99' WHEN p < 0.05 THEN '95' ELSE '90' END) ELSE 'ns' END AS class
           FROM gi) TO ${lit(tmpOut)} WITH (FORMAT csv, HEADER true)`,
  );
  t.lap("write");
  const nCells = Number((await client.query("SELECT count(*) AS n FROM gi")).rows[0].n);
  const pairs = Number((await client.query("SELECT count(*) AS n FROM nb")).rows[0].n);
  const hwm = readHwmKb(pid);
  copyFileSync(tmpOut, out);
  rmSync(tmpOut, { force: true });
  t.print({
    n: loaded.rowCount,
    cells: nCells,
    mean_neighbours: Math.round((pairs / nCells) * 1000) / 1000,
    backend_peak_rss_kb: hwm,
    postgres: version.pg,
    postgis: version.postgis,
  });
  await client.query("DROP TABLE IF EXISTS incidents, projected, cells, cellg, nb, gi");
} finally {
  await client.end();
  server?.stop();
}

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function readHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
