// JSON API: compute hot spots for posted points (the same engine and worker as the page), list
// the tenant's runs and read one run with its hot and cold cells.
import { runLiveness } from "../stale.ts";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { stockholmDayFromIso } from "../../../analysis/index.ts";
import { apiErrors, fieldIssue, HttpError, invalid } from "../../../platform/http/errors.ts";
import type { App } from "../../../platform/http/types.ts";
import { placeDescriber } from "../places.ts";
import { can } from "../policy.ts";
import { runOut } from "../present.ts";
import { findRun, listRuns } from "../repo.ts";
import { API_BODY_LIMIT, HotspotApiBody, RunOut, RunSummaryOut } from "../schema.ts";
import { type Points, runHotspotAnalysis } from "../service.ts";
import { computeApi, readApi, runApi } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const RunParams = z.object({ tenant: z.string(), runId: z.string() });
const tags = ["analys"];
const security = [{ session: [] }];
/** The posted points as typed arrays (days only when some point has a timestamp). */
function pointsOf(body: HotspotApiBody): Points {
  const n = body.points.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  let weight: Float64Array | undefined;
  let day: Float64Array | undefined;
  for (let i = 0; i < n; i++) {
    const p = body.points[i]!;
    lat[i] = p.lat;
    lon[i] = p.lon;
    if (p.weight !== undefined) {
      weight ??= new Float64Array(n).fill(1);
      weight[i] = p.weight;
    }
    if (p.ts !== undefined) {
      day ??= new Float64Array(n).fill(Number.NaN);
      day[i] = stockholmDayFromIso(p.ts);
    }
  }
  const out: Points = { lat, lon };
  if (weight) out.weight = weight;
  if (day) out.day = day;
  return out;
}

export async function registerApiRoutes(app: App): Promise<void> {
  const liveness = runLiveness(app.deps.database);
  /** Places described for the run's tenant, timings only for administrators. */
  async function outOptions(req: FastifyRequest, tenantId: string, run: { tenant_id: string }) {
    return { locale: req.locale, describe: await placeDescriber(app.db, tenantId), showTimings: can(req.actor, "run.timings", run) };
  }

  app.post(
    "/api/t/:tenant/analysis/hotspots",
    {
      schema: {
        tags,
        summary: `Beräkna hot spots (Gi*; klasser från FDR-korrigerade q-värden om inte classifyBy: "p") för upp till 200 000 punkter i en arbetstråd; körningen sparas och svaret har de signifikanta cellerna, beskrivna som platser`,
        security,
        params: TenantParams,
        body: HotspotApiBody,
        response: { 201: RunOut, ...apiErrors },
      },
      bodyLimit: API_BODY_LIMIT,
      ...computeApi.options,
    },
    async (req, reply) => {
      const { tenant, actor } = computeApi.of(req);
      const body = req.body;
      const points = pointsOf(body);
      const r = await runHotspotAnalysis(
        app.db,
        tenant.id,
        actor.userId,
        {
          source: "api",
          datasetId: null,
          label: body.label ?? "",
          parameters: {
            cellSize: body.cellSize,
            band: body.band,
            boundaryOnly: body.boundaryOnly ?? false,
            categories: [],
            emerging: body.emerging ?? false,
            statistic: "gistar",
            classifyBy: body.classifyBy ?? "q",
          },
          points,
          position: (i) => i,
          read: { rows: body.points.length, filtered: 0, bad: { count: 0, first: [] } },
        },
        { liveness },
      );
      switch (r.kind) {
        case "ok": {
          const run = (await findRun(app.db, tenant.id, r.runId))!;
          return reply.code(201).send(runOut(req.t, tenant.slug, run, await outOptions(req, tenant.id, run)));
        }
        case "noBoundary":
          throw invalid("analysis.error.noBoundary", undefined, [fieldIssue("boundaryOnly", "analysis.error.noBoundary")]);
        case "boundaryTooFine":
          throw invalid("analysis.error.boundaryTooFine", { min: r.minCellSize }, [
            fieldIssue("cellSize", "analysis.error.boundaryTooFine", { min: r.minCellSize }),
          ]);
        case "noTimestamps":
          throw invalid("analysis.error.emergingNeedsTs", undefined, [fieldIssue("emerging", "analysis.error.emergingNeedsTs")]);
        case "noPoints":
          throw invalid("analysis.error.noPoints", undefined, [fieldIssue("points", "analysis.error.noPoints")]);
        case "analysisFailed":
          throw HttpError.of(400, "analysis.error.engine", { message: r.message }, { code: "analysis_failed" });
      }
    },
  );

  app.get(
    "/api/t/:tenant/analysis/runs",
    {
      schema: {
        tags,
        summary: "Kommunens senaste hot spot-körningar (utan celler)",
        security,
        params: TenantParams,
        response: { 200: z.object({ runs: z.array(RunSummaryOut) }), ...apiErrors },
      },
      ...readApi.options,
    },
    async (req) => {
      const { tenant } = readApi.of(req);
      const runs = await listRuns(app.db, tenant.id, 50);
      const describe = await placeDescriber(app.db, tenant.id);
      return {
        runs: runs.map((r) => runOut(req.t, tenant.slug, r, { locale: req.locale, describe, showTimings: can(req.actor, "run.timings", r) })),
      };
    },
  );

  app.get(
    "/api/t/:tenant/analysis/runs/:runId",
    {
      schema: {
        tags,
        summary: "En hot spot-körning med dess hot och cold spots (och framväxande mönster)",
        security,
        params: RunParams,
        response: { 200: RunOut, ...apiErrors },
      },
      ...runApi.options,
    },
    async (req) => {
      const { tenant, loaded } = runApi.of(req);
      return runOut(req.t, tenant.slug, loaded.run, await outOptions(req, tenant.id, loaded.run));
    },
  );
}
