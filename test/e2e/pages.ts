// The pages the accessibility sweep (a11y-sweep.e2e.test.ts) visits, in Swedish, with axe on
// each. A module adds its pages here: the public ones with viewers ["public"], staff pages with
// the roles that may see them (each role signs in as its Osby demo user). The Osby demo data
// (seeded into the test server) is what the pages show, so link to demo records by a stable
// path. Keep entries short; behaviour belongs in the module's own tests.
import { DEMO_RUN_ID } from "../../src/modules/analysis/demo.ts";
import { DEMO_DOCUMENT_IDS } from "../../src/modules/promises/demo/seed.ts";
import type { Role } from "../../src/platform/db/schema.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../src/modules/tenants/seed.ts";

export type Viewer = "public" | Role;

export type PageSpec = {
  /** What the page is, for the test name. */
  name: string;
  /** Path on the server, e.g. "/t/osby". */
  path: string;
  /** Who visits it in the sweep. */
  viewers: Viewer[];
  /** Expected HTTP status (default 200). */
  status?: number;
  /** A selector to wait for before axe runs (e.g. a map island's container). */
  waitFor?: string;
};

export const ALL_ROLES: Role[] = ["admin", "samordnare", "polis", "rapportor", "atgardsagare", "lasare"];

export const pages: PageSpec[] = [
  // Foundation: public
  { name: "kommunlistan", path: "/", viewers: ["public"] },
  { name: "Osbys startsida", path: "/t/osby", viewers: ["public", ...ALL_ROLES], waitFor: "#tenant-map.leaflet-container" },
  { name: "Osbys startsida på engelska", path: "/t/osby?lang=en", viewers: ["public"], waitFor: "#tenant-map.leaflet-container" },
  { name: "tillgänglighetsredogörelsen", path: "/tillganglighet", viewers: ["public"] },
  { name: "en sida som inte finns", path: "/t/osby/finns-inte", viewers: ["public"], status: 404 },
  { name: "en kommun som inte finns", path: "/t/finns-inte", viewers: ["public"], status: 404 },
  { name: "inloggningen", path: "/logga-in?tenant=osby", viewers: ["public"] },
  // Foundation: staff
  { name: "personalens startsida", path: "/t/osby/arbete", viewers: ALL_ROLES },
  // Medborgarlöften (promises): public
  { name: "aktuellt medborgarlöfte", path: "/t/osby/medborgarlofte", viewers: ["public", "samordnare"], waitFor: "#promise-map.leaflet-container" },
  { name: "aktuellt medborgarlöfte på engelska", path: "/t/osby/medborgarlofte?lang=en", viewers: ["public"], waitFor: "#promise-map.leaflet-container" },
  { name: "medborgarlöftet 2021", path: `/t/osby/medborgarlofte/${DEMO_DOCUMENT_IDS[2021]}`, viewers: ["public"], waitFor: "#promise-map.leaflet-container" },
  { name: "uppföljningen 2021", path: `/t/osby/medborgarlofte/${DEMO_DOCUMENT_IDS[2021]}/uppfoljning`, viewers: ["public"] },
  // Medborgarlöften: staff
  { name: "medborgarlöften (personal)", path: "/t/osby/arbete/medborgarloften", viewers: ALL_ROLES },
  { name: "medborgarlöftet 2024 (personal)", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS[2024]}`, viewers: ALL_ROLES },
  { name: "nytt medborgarlöfte", path: "/t/osby/arbete/medborgarloften/nytt", viewers: ["samordnare"] },
  { name: "logga aktivitet", path: "/t/osby/arbete/medborgarloften/aktivitet", viewers: ["polis", "atgardsagare"] },
  { name: "följ upp 2024", path: `/t/osby/arbete/medborgarloften/${DEMO_DOCUMENT_IDS[2024]}/uppfoljning`, viewers: ["samordnare"] },
  // Hot spots (analysis): staff only
  { name: "hot spots", path: "/t/osby/arbete/hotspots", viewers: ["samordnare", "lasare"] },
  { name: "hot spots på engelska", path: "/t/osby/arbete/hotspots?lang=en", viewers: ["polis"] },
  { name: "hot spot-analys (demo)", path: `/t/osby/arbete/hotspots/${DEMO_RUN_ID}`, viewers: ["polis", "lasare"], waitFor: "#hotspot-map.leaflet-container" },
];

/** The Osby demo login of a role. */
export function demoLogin(role: Role): { email: string; password: string } {
  const u = DEMO_USERS.find((x) => x.role === role);
  if (!u) throw new Error(`ingen demoanvändare med rollen ${role}`);
  return { email: u.email, password: DEMO_PASSWORD };
}
