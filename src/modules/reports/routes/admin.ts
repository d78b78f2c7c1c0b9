// Staff administration routes:
//   /t/{slug}/arbete/rapporter/regler          routing rules (coordinators)
//   /t/{slug}/arbete/rapporter/installningar   categories, privacy threshold, response times (coordinators)
//   /t/{slug}/arbete/rapporter/nycklar         Open311 API keys (admin): add (shown once), revoke
//   /t/{slug}/arbete/rapporter/bevakningar     a staff member's own alerts
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldErrors, field, isConfirmed } from "../../../platform/http/forms.ts";
import { mixed } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import { validateBilingual } from "../../../platform/http/validation.ts";
import { saveSettings } from "../../../platform/tenancy/settings.ts";
import { keysPage, rulesPage, settingsPage, staffAlertsPage } from "../pages/admin.ts";
import { confirmPage } from "../pages/format.ts";
import { listApiKeys } from "../repo/keys.ts";
import { deleteRule, listRules, upsertRule } from "../repo/rules.ts";
import { deleteSubscription, listUserSubscriptions } from "../repo/subscriptions.ts";
import { tenantGeo } from "../service/geo.ts";
import { organisationsById } from "../service/handle.ts";
import { issueApiKey, revokeKey } from "../service/keys.ts";
import { addStaffAlert } from "../service/resident.ts";
import { CATEGORY_CODE, findCategory, reportsSettings, ReportsSettings, SETTINGS_KEY } from "../settings.ts";
import type { ReportsPipelines } from "./access.ts";

const TenantParams = z.object({ tenant: z.string() });
const RuleParams = z.object({ tenant: z.string(), ruleId: z.string() });
const KeyParams = z.object({ tenant: z.string(), keyId: z.string() });
const SubParams = z.object({ tenant: z.string(), subscriptionId: z.string() });
const tags = ["medborgardialog (personal)"];

const NUMBERS = ["minCount", "cellSize", "firstResponseDays", "closureDays", "fixedCheckDays", "contactRetentionDays"] as const;

/** The settings form (c.N.code, c.N.sv …) as the settings value, and the form's own values to show again. */
function settingsFromForm(body: unknown, current: ReportsSettings): { value: unknown; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (k !== "_csrf") values[k] = Array.isArray(v) ? String(v[0] ?? "") : String(v ?? "");
  const categories: unknown[] = [];
  for (let i = 0; i <= current.categories.length; i++) {
    const g = (k: string) => (values[`c.${i}.${k}`] ?? "").trim();
    const code = g("code");
    if (!code && i === current.categories.length && !g("sv") && !g("en")) continue; // the empty row for a new category
    const existing = current.categories[i];
    categories.push({
      code: existing ? existing.code : code,
      name: { sv: g("sv"), en: g("en") },
      description: existing?.description ?? { sv: "", en: "" },
      kind: g("kind"),
      group: existing?.group ?? "",
      keywords: existing?.keywords ?? "",
      active: values[`c.${i}.active`] === "ja",
      review: values[`c.${i}.review`] === "ja",
    });
  }
  const out: Record<string, unknown> = { categories };
  for (const n of NUMBERS) {
    const raw = (values[n] ?? "").trim();
    out[n] = raw === "" ? undefined : Number(raw);
  }
  return { value: out, values };
}

/** A settings issue's path (categories.2.name.sv) as the form field that shows it (c.2.sv). */
function formField(path: string): string {
  const m = /^categories\.(\d+)\.(\w+)(?:\.(\w+))?/.exec(path);
  if (m) return m[2] === "name" ? `c.${m[1]}.${m[3] ?? "sv"}` : `c.${m[1]}.${m[2]}`;
  return path || "categories";
}

export async function registerAdminRoutes(app: App, p: ReportsPipelines): Promise<void> {
  async function renderRules(req: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors?: FieldErrors, status = 200) {
    const tenant = req.tenant!;
    const [rules, g, orgs] = await Promise.all([listRules(app.db, tenant.id), tenantGeo(app.db, tenant.id), organisationsById(app.db, tenant.id)]);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        rulesPage(ctx, {
          rules,
          categories: reportsSettings(tenant).categories,
          areas: g.areas,
          organisations: [...orgs.values()].map((o) => ({ id: o.id, name: o.name })),
          values,
          errors,
        }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/rapporter/regler",
    { schema: { tags, summary: "Dirigeringsregler: kategori × område → organisation", params: TenantParams, response: htmlResponses }, ...p.rules.options },
    async (req, reply) => renderRules(req, reply),
  );

  app.post(
    "/t/:tenant/arbete/rapporter/regler",
    {
      schema: { tags, summary: "Lägg till eller ändra en dirigeringsregel", params: TenantParams, body: FormBody, response: htmlResponses },
      ...p.rules.options,
    },
    async (req, reply) => {
      const { tenant, actor } = p.rules.of(req);
      const values = { kategori: field(req.body, "kategori"), omrade: field(req.body, "omrade"), organisation: field(req.body, "organisation") };
      const [g, orgs] = await Promise.all([tenantGeo(app.db, tenant.id), organisationsById(app.db, tenant.id)]);
      const errors: FieldErrors = {};
      if (values.kategori && !findCategory(reportsSettings(tenant), values.kategori))
        errors.kategori = req.t("reports.error.unknownCategory", { code: values.kategori.slice(0, 40) });
      if (values.omrade && !g.areas.some((a) => a.id === values.omrade)) errors.omrade = req.t("reports.error.unknownArea");
      if (!orgs.has(values.organisation)) errors.organisation = req.t("reports.error.unknownOrganisation");
      if (Object.keys(errors).length) return renderRules(req, reply, values, errors, 400);
      const rule = await upsertRule(app.db, tenant.id, {
        category: values.kategori || null,
        area_id: values.omrade || null,
        organisation_id: values.organisation,
      });
      await app.db
        .insertInto("audit_log")
        .values({
          tenant_id: tenant.id,
          actor_id: actor.userId,
          action: "reports.rule.save",
          entity: "report_routing_rule",
          entity_id: rule.id,
          data: JSON.stringify(values),
        })
        .execute();
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/rapporter/regler`, req.t("reports.flash.ruleSaved"));
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/regler/:ruleId/ta-bort",
    { schema: { tags, summary: "Ta bort en dirigeringsregel", params: RuleParams, body: FormBody, response: htmlResponses }, ...p.rule.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = p.rule.of(req);
      if (!isConfirmed(req.body))
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            title: ctx.t("reports.confirm.ruleTitle"),
            text: ctx.t("reports.confirm.ruleText"),
            action: `/t/${tenant.slug}/arbete/rapporter/regler/${loaded.rule.id}/ta-bort`,
            fields: {},
            confirmLabel: ctx.t("reports.rules.remove"),
            cancelHref: `/t/${tenant.slug}/arbete/rapporter/regler`,
          }),
        );
      await deleteRule(app.db, tenant.id, loaded.rule.id);
      await app.db
        .insertInto("audit_log")
        .values({
          tenant_id: tenant.id,
          actor_id: actor.userId,
          action: "reports.rule.remove",
          entity: "report_routing_rule",
          entity_id: loaded.rule.id,
          data: "{}",
        })
        .execute();
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/rapporter/regler`, req.t("reports.flash.ruleRemoved"));
    },
  );

  app.get(
    "/t/:tenant/arbete/rapporter/installningar",
    { schema: { tags, summary: "Kategorier, integritetströskel och svarstider", params: TenantParams, response: htmlResponses }, ...p.settings.options },
    async (req, reply) => sendPageAsync(req, reply, async (ctx) => settingsPage(ctx, { settings: reportsSettings(req.tenant!) })),
  );

  app.post(
    "/t/:tenant/arbete/rapporter/installningar",
    {
      schema: { tags, summary: "Spara kategorier, tröskel och svarstider", params: TenantParams, body: FormBody, response: htmlResponses },
      ...p.settings.options,
    },
    async (req, reply) => {
      const { tenant, actor } = p.settings.of(req);
      const current = reportsSettings(tenant);
      const { value, values } = settingsFromForm(req.body, current);
      const errors: FieldErrors = {};
      const cats = (value as { categories: Array<{ code: string }> }).categories;
      cats.forEach((c, i) => {
        if (!CATEGORY_CODE.test(c.code)) errors[`c.${i}.code`] = req.t("reports.settings.error.code");
      });
      const parsed = validateBilingual(ReportsSettings, value);
      if (!parsed.ok) for (const i of parsed.issues) errors[formField(i.field)] ??= req.locale === "en" ? i.message_en : i.message;
      if (Object.keys(errors).length || !parsed.ok)
        return sendPageAsync(req, reply, async (ctx) => settingsPage(ctx, { settings: current, values, errors }), 400);
      await saveSettings(app.db, tenant.id, SETTINGS_KEY, ReportsSettings, parsed.value);
      await app.db
        .insertInto("audit_log")
        .values({
          tenant_id: tenant.id,
          actor_id: actor.userId,
          action: "reports.settings.save",
          entity: "tenant",
          entity_id: tenant.id,
          data: JSON.stringify({ minCount: parsed.value.minCount, categories: parsed.value.categories.length }),
        })
        .execute();
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/rapporter/installningar`, req.t("reports.flash.settingsSaved"));
    },
  );

  async function renderKeys(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { values?: Record<string, string>; errors?: FieldErrors; newKey?: { key: string; name: string }; status?: number } = {},
  ) {
    const tenant = req.tenant!;
    const [keys, orgs] = await Promise.all([listApiKeys(app.db, tenant.id), organisationsById(app.db, tenant.id)]);
    return sendPageAsync(
      req,
      reply,
      async (ctx) =>
        keysPage(ctx, {
          keys,
          organisations: [...orgs.values()].map((o) => ({ id: o.id, name: o.name })),
          values: opts.values ?? {},
          errors: opts.errors,
          newKey: opts.newKey,
        }),
      opts.status ?? 200,
    );
  }

  app.get(
    "/t/:tenant/arbete/rapporter/nycklar",
    { schema: { tags, summary: "Open311-nycklar (administratör)", params: TenantParams, response: htmlResponses }, ...p.keys.options },
    async (req, reply) => renderKeys(req, reply),
  );

  app.post(
    "/t/:tenant/arbete/rapporter/nycklar",
    {
      schema: { tags, summary: "Skapa en Open311-nyckel för en organisation (visas en gång)", params: TenantParams, body: FormBody, response: htmlResponses },
      ...p.keys.options,
    },
    async (req, reply) => {
      const { tenant, actor } = p.keys.of(req);
      const values = { namn: field(req.body, "namn"), organisation: field(req.body, "organisation") };
      const r = await issueApiKey(app.db, tenant.id, { name: values.namn, organisationId: values.organisation || null, createdBy: actor.userId });
      if (r.kind === "nameMissing") return renderKeys(req, reply, { values, errors: { namn: req.t("reports.keys.error.name") }, status: 400 });
      if (r.kind === "nameTooLong") return renderKeys(req, reply, { values, errors: { namn: req.t("reports.keys.error.nameLong") }, status: 400 });
      if (r.kind === "unknownOrganisation")
        return renderKeys(req, reply, { values, errors: { organisation: req.t("reports.error.unknownOrganisation") }, status: 400 });
      // The key is shown in this answer only (never stored, never redirected through a URL).
      return renderKeys(req, reply, { newKey: { key: r.key, name: r.row.name } });
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/nycklar/:keyId/aterkalla",
    { schema: { tags, summary: "Återkalla en Open311-nyckel", params: KeyParams, body: FormBody, response: htmlResponses }, ...p.key.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = p.key.of(req);
      if (!isConfirmed(req.body))
        return sendPageAsync(req, reply, async (ctx) =>
          confirmPage(ctx, {
            title: ctx.t("reports.confirm.keyTitle"),
            text: mixed(ctx, ctx.t("reports.confirm.keyText", { name: content(loaded.key.name) })),
            action: `/t/${tenant.slug}/arbete/rapporter/nycklar/${loaded.key.id}/aterkalla`,
            fields: {},
            confirmLabel: ctx.t("reports.keys.revoke"),
            cancelHref: `/t/${tenant.slug}/arbete/rapporter/nycklar`,
          }),
        );
      const done = await revokeKey(app.db, tenant.id, loaded.key.id, actor.userId);
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/rapporter/nycklar`, req.t(done ? "reports.flash.keyRevoked" : "reports.flash.unchanged"));
    },
  );

  async function renderAlerts(req: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors?: FieldErrors, status = 200) {
    const tenant = req.tenant!;
    const subs = await listUserSubscriptions(app.db, tenant.id, req.actor!.userId);
    const g = await tenantGeo(app.db, tenant.id);
    const reportIds = subs.flatMap((s) => (s.report_id ? [s.report_id] : []));
    const refs = new Map<string, string>();
    if (reportIds.length)
      for (const r of await app.db.selectFrom("reports").select(["id", "ref"]).where("tenant_id", "=", tenant.id).where("id", "in", reportIds).execute())
        refs.set(r.id, r.ref);
    return sendPageAsync(
      req,
      reply,
      async (ctx) => staffAlertsPage(ctx, { subs, categories: reportsSettings(tenant).categories, areas: g.areas, values, errors, refs }),
      status,
    );
  }

  app.get(
    "/t/:tenant/arbete/rapporter/bevakningar",
    {
      schema: { tags, summary: "Mina bevakningar (personal får även personrelaterade kategorier)", params: TenantParams, response: htmlResponses },
      ...p.alerts.options,
    },
    async (req, reply) => renderAlerts(req, reply),
  );

  app.post(
    "/t/:tenant/arbete/rapporter/bevakningar",
    { schema: { tags, summary: "Lägg till en bevakning för mig", params: TenantParams, body: FormBody, response: htmlResponses }, ...p.alerts.options },
    async (req, reply) => {
      const { tenant, actor } = p.alerts.of(req);
      const values = { events: field(req.body, "events"), kategori: field(req.body, "kategori"), omrade: field(req.body, "omrade") };
      const g = await tenantGeo(app.db, tenant.id);
      const errors: FieldErrors = {};
      if (!["new", "updates", "both"].includes(values.events)) errors.events = req.t("reports.error.alertEvents");
      if (values.kategori && !findCategory(reportsSettings(tenant), values.kategori))
        errors.kategori = req.t("reports.error.unknownCategory", { code: values.kategori.slice(0, 40) });
      if (values.omrade && !g.areas.some((a) => a.id === values.omrade)) errors.omrade = req.t("reports.error.unknownArea");
      if (Object.keys(errors).length) return renderAlerts(req, reply, values, errors, 400);
      await addStaffAlert(
        app.db,
        app.deps,
        tenant,
        { userId: actor.userId, email: actor.email },
        {
          events: values.events as "new" | "updates" | "both",
          category: values.kategori || null,
          areaId: values.omrade || null,
          reportId: null,
        },
      );
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/rapporter/bevakningar`, req.t("reports.flash.alertAdded"));
    },
  );

  app.post(
    "/t/:tenant/arbete/rapporter/bevakningar/:subscriptionId/ta-bort",
    { schema: { tags, summary: "Ta bort en av mina bevakningar", params: SubParams, body: FormBody, response: htmlResponses }, ...p.alert.options },
    async (req, reply) => {
      const { tenant, loaded } = p.alert.of(req);
      await deleteSubscription(app.db, tenant.id, loaded.sub.id);
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/rapporter/bevakningar`, req.t("reports.flash.alertRemoved"));
    },
  );
}
