// The hot spot pages and API through app.inject(), on PGlite and PostgreSQL: who sees what, the
// upload → compute → stored run → map, table, report and CSV path, bad input that says what to
// fix and loses nothing, and tenants that never see each other's runs or files.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { swerefToLatLon } from "../../analysis/index.ts";
import { sessionCookie } from "../../platform/testing/auth.ts";
import { makeTenant, makeUser, NASTY } from "../../platform/testing/factories.ts";
import { createTestApp, type TestApp } from "../../platform/testing/harness.ts";
import { incidentCsv, makeRun, OSBY_CENTRUM, postHotspotForm, scatteredPoints } from "./testing.ts";

describe("analysis: hot spot pages and API", () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let other: { id: string; slug: string };
  let cookies: Record<string, Record<string, string>>;
  let page: string;
  let api: string;

  before(async () => {
    t = await createTestApp();
    t.database.pool.on("error", () => {});
    tenant = await makeTenant(t.db);
    other = await makeTenant(t.db);
    cookies = {};
    for (const role of ["admin", "samordnare", "polis", "lasare", "rapportor", "atgardsagare"] as const) {
      cookies[role] = await sessionCookie(t.db, (await makeUser(t.db, tenant.id, role)).id);
    }
    cookies.otherCoordinator = await sessionCookie(t.db, (await makeUser(t.db, other.id, "samordnare")).id);
    page = `/t/${tenant.slug}/arbete/hotspots`;
    api = `/api/t/${tenant.slug}/analysis`;
  });
  after(async () => t?.close());

  const count = async (table: "analysis_runs" | "analysis_datasets", tenantId = tenant.id) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("tenant_id", "=", tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const json = (method: "POST" | "GET", url: string, who: Record<string, string> | null, body?: unknown) =>
    t.app.inject({
      method,
      url,
      cookies: who ?? {},
      ...(method === "POST" ? { headers: { "content-type": "application/json" }, payload: JSON.stringify(body ?? {}) } : {}),
    });

  it("shows the page to samordnare, polis, admin and läsare (läsare without the form); others get 404, visitors the login", async () => {
    for (const role of ["samordnare", "polis", "admin"]) {
      const res = await t.app.inject({ method: "GET", url: page, cookies: cookies[role]! });
      assert.equal(res.statusCode, 200, role);
      assert.match(res.body, /enctype="multipart\/form-data"/, role);
      assert.match(res.body, /name="cell_size"[^>]*value="100"/);
      assert.match(res.body, /name="band"[^>]*value="250"/);
    }
    const reader = await t.app.inject({ method: "GET", url: page, cookies: cookies.lasare! });
    assert.equal(reader.statusCode, 200);
    assert.doesNotMatch(reader.body, /enctype="multipart\/form-data"/);
    assert.match(reader.body, /kan läsa kommunens analyser men inte göra nya/);
    for (const role of ["rapportor", "atgardsagare", "otherCoordinator"]) {
      assert.equal((await t.app.inject({ method: "GET", url: page, cookies: cookies[role]! })).statusCode, 404, role);
    }
    const anon = await t.app.inject({ method: "GET", url: page });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/logga-in\?tenant=/);
  });

  it("computes from an uploaded CSV, stores the run and reopens it with map, table, skipped rows, timings and CSV", async () => {
    const csv = incidentCsv({ n: 600, cluster: 250, bad: 3 });
    const before = await count("analysis_runs");
    const res = await postHotspotForm(
      t.app,
      page,
      { cell_size: "100", band: "250", emerging: "on" },
      { filename: "händelser.csv", data: csv.text },
      cookies.samordnare!,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const location = String(res.headers.location);
    assert.match(location, new RegExp(`^${page}/[0-9a-f-]{36}$`));
    assert.equal(await count("analysis_runs"), before + 1);
    assert.equal(await count("analysis_datasets"), 1, "the upload is kept as a dataset");

    const run = await t.app.inject({ method: "GET", url: location, cookies: cookies.polis! });
    assert.equal(run.statusCode, 200);
    const body = run.body;
    assert.match(body, /data-map-source="hotspot-map-data"/, "map island");
    assert.match(body, /<script type="application\/json" id="hotspot-map-data">/);
    assert.match(body, /"layers":\[\{"geojson":\{"type":"FeatureCollection"/);
    assert.match(body, /<caption id="places-caption">Platser, starkast först \(1 av 1\)<\/caption>/, "table alternative: places");
    assert.match(body, /<caption id="cells-caption">Signifikanta rutor, starkast först<\/caption>/, "cell by cell");
    assert.match(body, /Signifikant koncentration \(99 % säkerhet, efter korrektion för många test\)/);
    assert.match(body, /3 rader hoppades över\. Första radnumren: ([\d\s\u00a0]+, ){2}[\d\s\u00a0]+/);
    for (const line of csv.badLines) assert.ok(body.includes(`${line.toLocaleString("sv-SE")}`), `line ${line} reported`);
    assert.doesNotMatch(body, /Projicera till SWEREF 99 TM/, "timings are for administrators");
    assert.match(body, /Framväxande hot spots/);
    assert.match(body, /href="[^"]+\/resultat\.csv"/);
    assert.doesNotMatch(body, /<script>alert/);

    const stored = await t.db.selectFrom("analysis_runs").selectAll().where("id", "=", location.split("/").pop()!).executeTakeFirstOrThrow();
    assert.equal(stored.status, "done");
    assert.equal(stored.tenant_id, tenant.id);
    assert.ok(stored.created_by);
    assert.equal((stored.input_report as { rows: number }).rows, csv.rows);
    assert.equal((stored.input_report as { skipped: { count: number } }).skipped.count, 3);
    assert.deepEqual((stored.input_report as { skipped: { first: number[] } }).skipped.first, csv.badLines);
    assert.ok((stored.counts as { hot99: number }).hot99 > 0, "the cluster is a 99 % hot spot");
    assert.ok(stored.emerging, "emerging hot spots stored");

    const file = await t.app.inject({ method: "GET", url: `${location}/resultat.csv`, cookies: cookies.lasare! });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers["content-type"]), /^text\/csv/);
    assert.match(file.body, /^cell,ix,iy,e,n,lat,lon,count,gi_z,p,q,class,class_label,place,area\r\n/);
    assert.match(file.body, /,hot99,"Signifikant koncentration \(99 % säkerhet, efter korrektion för många test\)",/);
    const excel = await t.app.inject({ method: "GET", url: `${location}/resultat.csv?format=excel`, cookies: cookies.lasare! });
    assert.equal(excel.statusCode, 200);
    assert.match(String(excel.headers["content-disposition"]), /filename="hotspots-[0-9a-f]{8}-excel\.csv"/);
    assert.match(excel.body, /^\uFEFFcell;ix;iy;e;n;lat;lon;count;gi_z;p;q;class;class_label;place;area\r\n/);
    assert.match(excel.body, /;\d+,\d+;/, "decimal commas");
    const exports = await t.db.selectFrom("audit_log").select("action").where("tenant_id", "=", tenant.id).where("entity", "=", "analysis_run").execute();
    assert.equal(exports.length, 2, "each export is logged");
    const em = await t.app.inject({ method: "GET", url: `${location}/framvaxande.csv`, cookies: cookies.lasare! });
    assert.equal(em.statusCode, 200);
    assert.match(em.body, /^cell,ix,iy,e,n,lat,lon,count,pattern,pattern_label,/);
    const emExcel = await t.app.inject({ method: "GET", url: `${location}/framvaxande.csv?format=excel`, cookies: cookies.lasare! });
    assert.match(emExcel.body, /^\uFEFFcell;ix;iy;e;n;lat;lon;count;pattern;pattern_label;/);

    // The API shows the same run.
    const viaApi = await json("GET", `${api}/runs/${stored.id}`, cookies.lasare!);
    assert.equal(viaApi.statusCode, 200);
    const out = viaApi.json();
    assert.equal(out.id, stored.id);
    assert.equal(out.status, "done");
    assert.ok(
      out.cells.some(
        (c: { class: string; classLabel: string }) =>
          c.class === "hot99" && c.classLabel === "Signifikant koncentration (99 % säkerhet, efter korrektion för många test)",
      ),
    );
    const c0 = out.cells[0];
    assert.ok(c0.lat > 56.2 && c0.lat < 56.6 && c0.lon > 13.8 && c0.lon < 14.6, "centres back-projected to WGS84");
    assert.equal(viaApi.headers["content-type"], "application/json; charset=utf-8");
  });

  it("runs a larger upload in the worker thread and records where it ran", async () => {
    const csv = incidentCsv({ n: 7000, cluster: 500, seed: 3 });
    const res = await postHotspotForm(t.app, page, { cell_size: "100", band: "250" }, { filename: "stor.csv", data: csv.text }, cookies.polis!);
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    const id = String(res.headers.location).split("/").pop()!;
    const row = await t.db.selectFrom("analysis_runs").select(["timings", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.status, "done");
    assert.equal((row.timings as { executor: string }).executor, "worker");
    const view = await t.app.inject({ method: "GET", url: String(res.headers.location), cookies: cookies.admin! });
    assert.match(view.body, /i en egen arbetstråd/);
  });

  it("says what is wrong with the parameters in Swedish, keeps what was typed and the uploaded file, and stores no run", async () => {
    const csv = incidentCsv({ n: 300, cluster: 100, seed: 11 });
    const runsBefore = await count("analysis_runs");
    const datasetsBefore = await count("analysis_datasets");
    const res = await postHotspotForm(
      t.app,
      page,
      { cell_size: "100", band: "62,5", category: "klotter" },
      { filename: "veckan.csv", data: csv.text },
      cookies.samordnare!,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Avståndsbandet måste vara minst lika stort som cellstorleken/);
    assert.match(res.body, /name="band"[^>]*value="62,5"/, "what was typed is kept");
    assert.match(res.body, /name="category"[^>]*value="klotter"/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /class="error-summary"/);
    assert.equal(await count("analysis_runs"), runsBefore, "no run");
    assert.equal(await count("analysis_datasets"), datasetsBefore + 1, "the file is kept");
    const datasetId = /<option value="([0-9a-f-]{36})" selected>veckan\.csv/.exec(res.body)?.[1];
    assert.ok(datasetId, "the uploaded file is preselected");

    // Fix the band and send again without choosing the file again.
    const again = await postHotspotForm(t.app, page, { cell_size: "100", band: "250", dataset_id: datasetId, category: "klotter" }, null, cookies.samordnare!);
    assert.equal(again.statusCode, 303, again.body.slice(0, 1500));
    const id = String(again.headers.location).split("/").pop()!;
    const row = await t.db
      .selectFrom("analysis_runs")
      .select(["source", "dataset_id", "input_report", "parameters"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.source, "dataset");
    assert.equal(row.dataset_id, datasetId);
    assert.deepEqual((row.parameters as { categories: string[] }).categories, ["klotter"]);
    assert.ok((row.input_report as { filtered: number }).filtered > 0, "rows of other categories left out");
  });

  it("checks cell size and band: > 0, numbers, band ≥ cell, not too wide (and in English with ?lang=en)", async () => {
    const csv = incidentCsv({ n: 100, cluster: 30 });
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ cell_size: "0", band: "250" }, /Cellstorleken måste vara större än 0 meter/],
      [{ cell_size: "-5", band: "250" }, /Cellstorleken måste vara större än 0 meter/],
      [{ cell_size: "hundra", band: "250" }, /Ange cellstorleken i meter/],
      [{ cell_size: "", band: "250" }, /Ange cellstorleken i meter/],
      [{ cell_size: "10", band: "5000" }, /högst 200 gånger cellstorleken/],
    ];
    for (const [fields, message] of cases) {
      const res = await postHotspotForm(t.app, page, fields, { filename: "x.csv", data: csv.text }, cookies.samordnare!);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
    }
    const en = await postHotspotForm(t.app, `${page}?lang=en`, { cell_size: "100", band: "50" }, { filename: "x.csv", data: csv.text }, cookies.samordnare!);
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /The distance band must be at least the cell size/);
  });

  it("refuses files it cannot use, each with a clear message", async () => {
    const none = await postHotspotForm(t.app, page, { cell_size: "100", band: "250" }, null, cookies.samordnare!);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Välj en CSV-fil med händelser/);
    const cols = await postHotspotForm(t.app, page, { cell_size: "100", band: "250" }, { filename: "fel.csv", data: "x,y\n1,2\n" }, cookies.samordnare!);
    assert.equal(cols.statusCode, 400);
    assert.match(cols.body, /behöver kolumnerna lat och lon på första raden\. Hittade: x, y/);
    const binary = await postHotspotForm(
      t.app,
      page,
      { cell_size: "100", band: "250" },
      { filename: "bild.csv", data: Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]) },
      cookies.samordnare!,
    );
    assert.equal(binary.statusCode, 400);
    assert.match(binary.body, /går inte att läsa som text/);
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x31);
    big.write("lat,lon\n");
    const tooBig = await postHotspotForm(t.app, page, { cell_size: "100", band: "250" }, { filename: "stor.csv", data: big }, cookies.samordnare!);
    assert.equal(tooBig.statusCode, 400);
    assert.match(tooBig.body, /större än 10 MB/);
    const noTs = await postHotspotForm(
      t.app,
      page,
      { cell_size: "100", band: "250", emerging: "on" },
      { filename: "utan-tid.csv", data: "lat,lon\n56.38,13.99\n56.39,13.98\n56.37,14.0\n" },
      cookies.samordnare!,
    );
    assert.equal(noTs.statusCode, 400);
    assert.match(noTs.body, /kräver en kolumn ts/);
    const cat = await postHotspotForm(
      t.app,
      page,
      { cell_size: "100", band: "250", category: "brand" },
      { filename: "k.csv", data: incidentCsv({ n: 50, cluster: 10 }).text },
      cookies.samordnare!,
    );
    assert.equal(cat.statusCode, 400);
    assert.match(cat.body, /Ingen händelse i filen har de kategorierna\. Kategorier i filen: klotter, skadegörelse, nedskräpning/);
  });

  it("reads Swedish spreadsheet exports (semicolons, decimal commas)", async () => {
    const csv = incidentCsv({ n: 200, cluster: 80, delimiter: ";" });
    const res = await postHotspotForm(t.app, page, { cell_size: "100", band: "250" }, { filename: "excel.csv", data: csv.text }, cookies.samordnare!);
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  });

  it("analyses every cell inside the municipal boundary when asked, and says so when there is none", async () => {
    const csv = incidentCsv({ n: 300, cluster: 100 }).text + "55.60,13.00,2025-09-03T10:00,klotter\n";
    const res = await postHotspotForm(
      t.app,
      page,
      { cell_size: "250", band: "500", boundary_only: "on" },
      { filename: "gräns.csv", data: csv },
      cookies.samordnare!,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    const id = String(res.headers.location).split("/").pop()!;
    const row = await t.db.selectFrom("analysis_runs").select(["input_report", "counts"]).where("id", "=", id).executeTakeFirstOrThrow();
    const outside = (row.input_report as { outside: number }).outside;
    assert.ok(outside >= 1 && outside <= 5, `the incident in Malmö (and at most a few on the edge) is outside the boundary: ${outside}`);
    assert.ok((row.counts as { cells: number }).cells > 10_000, "empty cells inside the boundary take part");

    await t.db.updateTable("tenants").set({ boundary: null }).where("id", "=", other.id).execute();
    const otherPage = `/t/${other.slug}/arbete/hotspots`;
    const none = await postHotspotForm(
      t.app,
      otherPage,
      { cell_size: "250", band: "500", boundary_only: "on" },
      { filename: "g.csv", data: csv },
      cookies.otherCoordinator!,
    );
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Kommunen har ingen gräns inlagd i Trygg/);
    const fine = await postHotspotForm(t.app, page, { cell_size: "5", band: "10", boundary_only: "on" }, { filename: "g.csv", data: csv }, cookies.samordnare!);
    assert.equal(fine.statusCode, 400);
    assert.match(fine.body, /För små celler för hela kommunen\. Välj minst \d+ meter/);
  });

  it("lets läsare read runs but not compute (403); rapportör and other tenants get 404", async () => {
    const runId = await makeRun(t.db, tenant.id);
    const reader = await postHotspotForm(
      t.app,
      page,
      { cell_size: "100", band: "250" },
      { filename: "x.csv", data: incidentCsv().text },
      cookies.lasare!,
    ).catch((e: Error) => ({ statusCode: 0, body: e.message }));
    // läsare's page has no form but carries a CSRF token in the layout; the post is refused.
    assert.equal(reader.statusCode, 403, reader.body.slice(0, 500));
    const view = await t.app.inject({ method: "GET", url: `${page}/${runId}`, cookies: cookies.lasare! });
    assert.equal(view.statusCode, 200);
    assert.ok(view.body.includes("Testkörning &lt;script&gt;"), "labels are escaped");
    assert.equal((await t.app.inject({ method: "GET", url: `${page}/${runId}`, cookies: cookies.rapportor! })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `${page}/${runId}`, cookies: cookies.otherCoordinator! })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `/t/${other.slug}/arbete/hotspots/${runId}`, cookies: cookies.otherCoordinator! })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `${page}/inte-ett-id`, cookies: cookies.samordnare! })).statusCode, 404);
    assert.equal((await json("GET", `/api/t/${other.slug}/analysis/runs/${runId}`, cookies.otherCoordinator!)).statusCode, 404);
  });

  it("never uses another tenant's stored file", async () => {
    const otherPage = `/t/${other.slug}/arbete/hotspots`;
    const made = await postHotspotForm(
      t.app,
      otherPage,
      { cell_size: "100", band: "50" },
      { filename: "andras.csv", data: incidentCsv().text },
      cookies.otherCoordinator!,
    );
    assert.equal(made.statusCode, 400);
    const foreign = await t.db.selectFrom("analysis_datasets").select("id").where("tenant_id", "=", other.id).executeTakeFirstOrThrow();
    const runsBefore = await count("analysis_runs");
    const res = await postHotspotForm(t.app, page, { cell_size: "100", band: "250", dataset_id: foreign.id }, null, cookies.samordnare!);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Den valda filen finns inte längre/);
    assert.equal(await count("analysis_runs"), runsBefore);
  });

  type Counts = { cells: number; hot99: number; hot95: number; hot90: number; cold90: number; cold95: number; cold99: number };
  const significant = (c: Counts) => c.hot99 + c.hot95 + c.hot90 + c.cold90 + c.cold95 + c.cold99;

  it("classes come from FDR q-values by default: uniform noise gives (almost) nothing, a cluster is still found, p is a labelled choice", async () => {
    // 3 000 points spread uniformly over 6 × 6 km around Osby centrum (seeded). Classified by raw
    // p-values about 10 % of the ~2 000 cells would be "significant" by chance alone (ArcGIS's
    // uncorrected default; 168 of 2 042 cells were reported in the issue). With Benjamini–Hochberg
    // at q < 0.10 the chance of ANY false discovery in pure noise is at most about 10 %, and false
    // discoveries come in clumps of neighbouring cells (they share most of their neighbourhood:
    // ≤ 21 cells at 100 m / 250 m), so the expected count is ≈ 0.1 × ~15 ≈ 1–2 cells. 1 % of the
    // cells (≈ 20) is a whole clump above that; the seed is fixed, so the number never changes.
    const uniform = scatteredPoints({ n: 3000, side: 6000, seed: 1273 });
    const byQ = await json("POST", `${api}/hotspots`, cookies.polis!, { points: uniform, cellSize: 100, band: 250 });
    assert.equal(byQ.statusCode, 201, byQ.body.slice(0, 500));
    const q = byQ.json();
    assert.equal(q.parameters.classifyBy, "q", "FDR-corrected classes are the default");
    assert.ok(q.counts.cells > 1900, `cells analysed: ${q.counts.cells}`);
    assert.ok(significant(q.counts) <= q.counts.cells * 0.01, `uniform noise, by q: ${significant(q.counts)} of ${q.counts.cells}`);

    const byP = await json("POST", `${api}/hotspots`, cookies.polis!, { points: uniform, cellSize: 100, band: 250, classifyBy: "p" });
    assert.equal(byP.statusCode, 201, byP.body.slice(0, 500));
    const p = byP.json();
    assert.equal(p.parameters.classifyBy, "p");
    assert.ok(significant(p.counts) >= p.counts.cells * 0.04, `uniform noise, by p: ${significant(p.counts)} of ${p.counts.cells}`);
    assert.ok(
      p.cells.every((c: { classLabel: string }) => /utan korrektion för många test/.test(c.classLabel)),
      "the uncorrected view says so",
    );
    const shown = await t.app.inject({ method: "GET", url: `${page}/${p.id}`, cookies: cookies.polis! });
    assert.match(shown.body, /utan korrektion för många test/);

    // The OpenAPI description says so too.
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const request = JSON.stringify(spec.components.schemas.HotspotRequest);
    assert.match(request, /"classifyBy":\{[^}]*"enum":\["q","p"\]/);
    assert.match(JSON.stringify(spec.components.schemas.HotspotRun), /"assessment":/);

    // The same noise plus 150 incidents around Osby centrum (σ 80 m): the cluster is found by q.
    const clustered = scatteredPoints({ n: 3000, side: 6000, seed: 1273, cluster: 150, sigma: 80 });
    const withCluster = (await json("POST", `${api}/hotspots`, cookies.polis!, { points: clustered, cellSize: 100, band: 250 })).json();
    assert.equal(withCluster.parameters.classifyBy, "q");
    const near = withCluster.cells.filter(
      (c: { class: string; lat: number; lon: number }) =>
        c.class === "hot99" && Math.abs(c.lat - OSBY_CENTRUM.lat) < 0.002 && Math.abs(c.lon - OSBY_CENTRUM.lon) < 0.004,
    );
    assert.ok(near.length >= 1, "the cluster is a 99 % concentration after correction");
    assert.match(near[0].classLabel, /^Signifikant koncentration \(99 % säkerhet, efter korrektion för många test\)$/);
    assert.ok(significant(withCluster.counts) <= near.length + withCluster.counts.cells * 0.01, "little else");
  });

  it("never shows a cell without incidents as a hot or cold spot (boundary analysis), and says how many it left out", async () => {
    // Every cell inside the boundary takes part; the cells around a dense cluster are "hot" to Gi*
    // because their neighbourhood holds the cluster, even when they hold nothing themselves.
    const points = [
      ...scatteredPoints({ n: 500, side: 20_000, seed: 5, centre: { lat: 56.42, lon: 14.2 } }),
      ...scatteredPoints({ n: 0, seed: 6, cluster: 300, sigma: 60 }),
    ];
    const res = await json("POST", `${api}/hotspots`, cookies.polis!, { points, cellSize: 250, band: 500, boundaryOnly: true, classifyBy: "p" });
    assert.equal(res.statusCode, 201, res.body.slice(0, 500));
    const out = res.json();
    assert.ok(out.cells.length > 0, "the cluster is found");
    assert.ok(
      out.cells.every((c: { count: number }) => c.count > 0),
      "no cell without incidents is a hot or cold spot",
    );
    assert.ok(out.assessment.emptyNearHot > 0, `empty cells next to the cluster were left out: ${out.assessment.emptyNearHot}`);
    const view = await t.app.inject({ method: "GET", url: `${page}/${out.id}`, cookies: cookies.polis! });
    assert.match(view.body, /rutor utan händelser/);
  });

  it("warns instead of classifying when there are too few cells with incidents or too few incidents per cell (both sides of each threshold)", async () => {
    // Cells 300 m apart on a line (never neighbours at 100 m / 250 m), counts 1 and 3 alternating.
    const cellsOf = (cells: number, perCell: (i: number) => number) => {
      const pts: Array<{ lat: number; lon: number }> = [];
      for (let i = 0; i < cells; i++) {
        // The centre of a 100 m cell (SWEREF 99 TM), 300 m from the next one.
        const at = swerefToLatLon(6_250_050 + Math.floor(i / 20) * 300, 440_050 + (i % 20) * 300);
        for (let k = 0; k < perCell(i); k++) pts.push({ lat: at.lat, lon: at.lon });
      }
      return pts;
    };
    const run = async (pts: Array<{ lat: number; lon: number }>) => {
      const r = await json("POST", `${api}/hotspots`, cookies.polis!, { points: pts, cellSize: 100, band: 250 });
      assert.equal(r.statusCode, 201, r.body.slice(0, 500));
      return r.json();
    };
    const twentyNine = await run(cellsOf(29, (i) => (i % 2 ? 3 : 1)));
    assert.equal(twentyNine.assessment.sparse, "fewCells");
    assert.equal(twentyNine.assessment.cellsWithEvents, 29);
    assert.deepEqual(twentyNine.cells, [], "no classes when the data are too sparse");
    assert.equal(significant(twentyNine.counts), 0);
    const thirty = await run(cellsOf(30, (i) => (i % 2 ? 3 : 1)));
    assert.equal(thirty.assessment.sparse, null);

    // 100 cells: 129 incidents (1.29 per cell) is too few, 130 (1.30) is enough.
    const few = await run(cellsOf(100, (i) => (i < 29 ? 2 : 1)));
    assert.equal(few.assessment.events, 129);
    assert.equal(few.assessment.sparse, "fewEvents");
    const enough = await run(cellsOf(100, (i) => (i < 30 ? 2 : 1)));
    assert.equal(enough.assessment.events, 130);
    assert.equal(enough.assessment.sparse, null);

    const view = await t.app.inject({ method: "GET", url: `${page}/${few.id}`, cookies: cookies.polis! });
    assert.match(view.body, /class="notice notice--warning"/);
    assert.match(view.body, /För glest underlag/);
    assert.doesNotMatch(view.body, /data-map-source="hotspot-map-data"/, "no map of classes");
  });

  it("describes results by place (areas and named places), not by cell id", async () => {
    await t.db
      .insertInto("areas")
      .values({
        tenant_id: tenant.id,
        slug: "lonsboda",
        name: "Lönsboda",
        kind: "survey",
        geometry: JSON.stringify({
          type: "Polygon",
          coordinates: [
            [
              [14.29, 56.38],
              [14.35, 56.38],
              [14.35, 56.41],
              [14.29, 56.41],
              [14.29, 56.38],
            ],
          ],
        }),
        sort_order: 1,
      })
      .execute();
    await t.db
      .insertInto("places")
      .values([
        { tenant_id: tenant.id, name: "Osby", kind: "ort", lat: 56.3797, lon: 13.995, precision_m: 200, source: "test" },
        { tenant_id: tenant.id, name: "Lönsboda", kind: "ort", lat: 56.3969, lon: 14.3189, precision_m: 300, source: "test" },
      ])
      .execute();
    const points = [
      ...scatteredPoints({ n: 600, side: 30_000, seed: 9, centre: { lat: 56.39, lon: 14.15 } }),
      ...scatteredPoints({ n: 0, seed: 10, cluster: 200, sigma: 70, clusterAt: { lat: 56.3951, lon: 14.319 } }),
      ...scatteredPoints({ n: 0, seed: 11, cluster: 200, sigma: 70, clusterAt: { lat: 56.3775, lon: 14.0 } }),
    ];
    const out = (await json("POST", `${api}/hotspots`, cookies.samordnare!, { points, cellSize: 100, band: 250 })).json();
    const lons = out.cells.filter((c: { area: string | null }) => c.area === "Lönsboda");
    assert.ok(lons.length > 0, "cells in Lönsboda carry the area");
    assert.ok(out.cells.some((c: { place: string }) => /sydost om centrala Osby|centrala Osby/.test(c.place)));
    const view = await t.app.inject({ method: "GET", url: `${page}/${out.id}`, cookies: cookies.samordnare! });
    assert.match(view.body, /inom Lönsboda/);
    assert.match(view.body, /centrala Lönsboda/);
    assert.match(view.body, /sydost om centrala Osby/);
    assert.doesNotMatch(view.body, /<code>\d+_\d+<\/code>/, "no cell ids on the page");
    assert.match(view.body, /"boundary":\{"type":"Polygon"/, "the boundary is drawn");
    assert.match(view.body, /"areas":\[\{"name":"Lönsboda"/, "the areas are drawn");
    assert.match(view.body, /"places":\[\{"name":"Lönsboda","lat":56\.3969,"lon":14\.3189\},\{"name":"Osby"/, "the named places are drawn");
    const file = await t.app.inject({ method: "GET", url: `${page}/${out.id}/resultat.csv`, cookies: cookies.samordnare! });
    assert.match(file.body.split("\r\n")[0]!, /^cell,ix,iy,.*,place,area$/);
  });

  it("shows engine timings only to administrators", async () => {
    const runId = await makeRun(t.db, tenant.id);
    for (const role of ["samordnare", "polis", "lasare"]) {
      const view = await t.app.inject({ method: "GET", url: `${page}/${runId}`, cookies: cookies[role]! });
      assert.equal(view.statusCode, 200);
      assert.doesNotMatch(view.body, /Millisekunder|Tid per steg/, role);
      assert.equal((await json("GET", `${api}/runs/${runId}`, cookies[role]!)).json().timings, null, role);
    }
    const admin = await t.app.inject({ method: "GET", url: `${page}/${runId}`, cookies: cookies.admin! });
    assert.match(admin.body, /Tid per steg/);
    assert.ok((await json("GET", `${api}/runs/${runId}`, cookies.admin!)).json().timings.executor);
  });

  it("API: computes posted points, stores the run, and validates bilingually", async () => {
    const pts: Array<{ lat: number; lon: number; weight?: number }> = [];
    for (let i = 0; i < 400; i++) pts.push({ lat: 56.3 + (i % 20) * 0.01, lon: 13.92 + Math.floor(i / 20) * 0.02 });
    for (let i = 0; i < 200; i++) pts.push({ lat: 56.3806 + (i % 10) * 0.0001, lon: 13.9934 + Math.floor(i / 10) * 0.0001 });
    pts.push({ lat: 10, lon: 10 });
    const res = await json("POST", `${api}/hotspots`, cookies.polis!, { points: pts, cellSize: 100, band: 250, label: NASTY });
    assert.equal(res.statusCode, 201, res.body);
    const out = res.json();
    assert.equal(out.status, "done");
    assert.equal(out.source, "api");
    assert.equal(out.input.rows, 601);
    assert.equal(out.input.used, 600);
    assert.deepEqual(out.input.skipped.first, [600], "skipped points are reported by index");
    assert.ok(out.cells.length > 0);
    assert.ok(
      out.cells.every((c: { class: string }) => c.class !== "ns"),
      "only hot and cold cells",
    );
    assert.equal(out.links.page, `/t/${tenant.slug}/arbete/hotspots/${out.id}`);
    const again = await json("GET", `${api}/runs/${out.id}`, cookies.polis!);
    assert.deepEqual(again.json(), out);
    const list = await json("GET", `${api}/runs`, cookies.lasare!);
    assert.ok(list.json().runs.some((r: { id: string; cells?: unknown }) => r.id === out.id && r.cells === undefined));

    const bad = await json("POST", `${api}/hotspots`, cookies.polis!, { points: pts.slice(0, 10), cellSize: 250, band: 100 });
    assert.equal(bad.statusCode, 400);
    const f = bad.json().error.fields.find((x: { field: string }) => x.field === "band");
    assert.match(f.message, /minst lika stort som cellstorleken/);
    assert.match(f.message_en, /at least the cell size/);
    const zero = await json("POST", `${api}/hotspots`, cookies.polis!, { points: [], cellSize: 0, band: 100 });
    assert.equal(zero.statusCode, 400);
    assert.deepEqual(
      zero
        .json()
        .error.fields.map((x: { field: string }) => x.field)
        .sort(),
      ["cellSize", "points"],
    );
    const few = await json("POST", `${api}/hotspots`, cookies.polis!, { points: [{ lat: 56.38, lon: 13.99 }], cellSize: 100, band: 250 });
    assert.equal(few.statusCode, 400);
    assert.equal(few.json().error.code, "analysis_failed");
    assert.match(few.json().error.message, /för få celler/);

    assert.equal((await json("POST", `${api}/hotspots`, null, { points: pts, cellSize: 100, band: 250 })).statusCode, 401);
    assert.equal((await json("POST", `${api}/hotspots`, cookies.rapportor!, { points: pts, cellSize: 100, band: 250 })).statusCode, 404);
    const reader = await json("POST", `${api}/hotspots`, cookies.lasare!, { points: pts, cellSize: 100, band: 250 });
    assert.equal(reader.statusCode, 403);
    assert.match(reader.json().error.message, /får läsa analyser men inte göra nya/);
  });

  it("API: emerging hot spots from timestamps", async () => {
    const pts: Array<{ lat: number; lon: number; ts: string }> = [];
    const day = (w: number, i: number) => new Date(Date.UTC(2025, 8, 1 + w * 7 + (i % 7), 12)).toISOString();
    for (let w = 0; w < 8; w++) {
      for (let i = 0; i < 60; i++) pts.push({ lat: 56.3 + ((i * 7 + w) % 30) * 0.006, lon: 13.92 + ((i * 11 + w) % 30) * 0.012, ts: day(w, i) });
      for (let i = 0; i < 5 + w * 8; i++) pts.push({ lat: 56.395 + (i % 5) * 0.0002, lon: 14.319 + Math.floor(i / 5) * 0.0002, ts: day(w, i) });
    }
    const res = await json("POST", `${api}/hotspots`, cookies.samordnare!, { points: pts, cellSize: 100, band: 250, emerging: true });
    assert.equal(res.statusCode, 201, res.body);
    const em = res.json().emerging;
    assert.equal(em.weeks, 8);
    assert.ok(em.cells.length > 0);
    assert.ok(em.cells.some((c: { pattern: string; patternLabel: string }) => c.pattern.endsWith("_hot") && c.patternLabel.endsWith("hot spot")));
    const noTs = await json("POST", `${api}/hotspots`, cookies.samordnare!, { points: [{ lat: 56.38, lon: 13.99 }], cellSize: 100, band: 250, emerging: true });
    assert.equal(noTs.statusCode, 400);
    assert.match(noTs.json().error.message, /kräver en kolumn ts/);
  });
});
