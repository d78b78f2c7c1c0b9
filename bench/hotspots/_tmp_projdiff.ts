import { readFileSync } from "node:fs";
import proj4 from "proj4";
import { projectToSweref, latLonToSweref } from "../../src/analysis/projection.ts";
const txt = readFileSync(".bench/hotspots/incidents-1e6.csv", "utf8").split("\n").slice(1, -1);
const n = txt.length; const lat = new Float64Array(n), lon = new Float64Array(n);
txt.forEach((l, i) => { const p = l.split(","); lat[i] = +p[0]; lon[i] = +p[1]; });
const N = new Float64Array(n), E = new Float64Array(n); projectToSweref(lat, lon, N, E);
const P = proj4("EPSG:4326", "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs");
let mx = 0, my = 0, flips100 = 0, flips25 = 0, mref = 0;
for (let i = 0; i < n; i++) { const [e, nn] = P.forward([lon[i], lat[i]]); mx = Math.max(mx, Math.abs(e - E[i])); my = Math.max(my, Math.abs(nn - N[i]));
  const r = latLonToSweref(lat[i], lon[i]); mref = Math.max(mref, Math.abs(r.n - N[i]), Math.abs(r.e - E[i]));
  if (Math.floor(e/100)!==Math.floor(E[i]/100)||Math.floor(nn/100)!==Math.floor(N[i]/100)) flips100++;
  if (Math.floor(e/25)!==Math.floor(E[i]/25)||Math.floor(nn/25)!==Math.floor(N[i]/25)) flips25++; }
console.log({ n, maxDE_vs_proj4: mx, maxDN_vs_proj4: my, fastVsRef: mref, flips100, flips25 });
