// Data protection for a tenant's admins: retention settings (GET/POST /t/:tenant/admin/gallring)
// and a resident's extract and erasure by e-mail address (/t/:tenant/admin/personuppgifter,
// utdrag.json, radera — erasure after a confirmation step). Extracts and erasures are logged
// with a hash of the address.
import { z } from "zod";
import { auditRequest } from "../../platform/audit.ts";
import { apiErrors } from "../../platform/http/errors.ts";
import { field, type FieldErrors, isConfirmed } from "../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPage, sendPageAsync } from "../../platform/http/page.ts";
import { pipeline } from "../../platform/http/pipeline.ts";
import type { App } from "../../platform/http/types.ts";
import { saveSettings } from "../../platform/tenancy/settings.ts";
import { canManagePrivacy } from "./policy.ts";
import { confirmErasePage, retentionPage, subjectPage } from "./pages.ts";
import { daysFor, RetentionSettings, retentionRules, SETTINGS_KEY } from "./retention.ts";
import { addressHash, eraseFor, extractFor } from "./subject.ts";

const TenantParams = z.object({ tenant: z.string() });
const Email = z.string().trim().email().max(320);
const ExtractQuery = z.object({ email: z.string().max(320).optional().describe("Invånarens e-postadress") });

const admin = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "page",
  visible: ({ actor, tenant }) => canManagePrivacy(actor, tenant.id),
  roles: ["admin"],
});
const subject = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "page",
  visible: ({ actor, tenant }) => canManagePrivacy(actor, tenant.id),
  roles: ["admin"],
  audit: "self",
});
const extractJson = pipeline({
  tenant: "path",
  access: "signedIn",
  present: "json",
  visible: ({ actor, tenant }) => canManagePrivacy(actor, tenant.id),
  roles: ["admin"],
  audit: "self",
});

export async function registerPrivacyRoutes(app: App): Promise<void> {
  const rules = () => retentionRules(app.modules);

  async function showRetention(
    req: Parameters<typeof sendPage>[0],
    reply: Parameters<typeof sendPage>[1],
    values?: Record<string, string>,
    errors?: FieldErrors,
  ) {
    const tenant = req.tenant!;
    const days = daysFor(tenant, rules());
    const runs = await app.db
      .selectFrom("audit_log")
      .select(["created_at", "data"])
      .where("tenant_id", "=", tenant.id)
      .where("action", "=", "retention.run")
      .orderBy("created_at", "desc")
      .limit(10)
      .execute();
    const rows = rules().map((r) => ({
      kind: r.kind,
      label: r.label,
      defaultDays: r.defaultDays,
      days: days.get(r.kind) ?? null,
      value: values?.[r.kind] ?? (days.get(r.kind) === null ? "" : String(days.get(r.kind))),
    }));
    return sendPageAsync(req, reply, async (ctx) => retentionPage(ctx, { slug: tenant.slug, rows, runs: runs as never, errors }), errors ? 400 : 200);
  }

  app.get(
    "/t/:tenant/admin/gallring",
    {
      schema: { tags: ["dataskydd"], summary: "Gallringsregler per slags uppgift (administratörer)", params: TenantParams, response: htmlResponses },
      ...admin.options,
    },
    async (req, reply) => showRetention(req, reply),
  );

  app.post(
    "/t/:tenant/admin/gallring",
    {
      schema: {
        tags: ["dataskydd"],
        summary: "Spara gallringsregler (dagar per slag; tomt = sparas utan gräns)",
        params: TenantParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...admin.options,
    },
    async (req, reply) => {
      const { tenant } = admin.of(req);
      const values: Record<string, string> = {};
      const errors: FieldErrors = {};
      const retentionDays: Record<string, number | null> = {};
      for (const r of rules()) {
        const raw = field(req.body, `days_${r.kind}`).trim();
        values[r.kind] = raw;
        if (raw === "") retentionDays[r.kind] = null;
        else if (/^\d{1,5}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 36500) retentionDays[r.kind] = Number(raw);
        else errors[`days_${r.kind}`] = req.t("privacy.retention.invalid");
      }
      if (Object.keys(errors).length) return showRetention(req, reply, values, errors);
      await saveSettings(app.db, tenant.id, SETTINGS_KEY, RetentionSettings, { retentionDays });
      return redirectWithFlash(reply, `/t/${tenant.slug}/admin/gallring`, req.t("privacy.retention.saved"));
    },
  );

  app.get(
    "/t/:tenant/admin/personuppgifter",
    {
      schema: { tags: ["dataskydd"], summary: "Registerutdrag och radering för en invånare (administratörer)", params: TenantParams, response: htmlResponses },
      ...subject.options,
    },
    async (req, reply) => sendPage(req, reply, (ctx) => subjectPage(ctx, { slug: subject.of(req).tenant.slug, email: "" })),
  );

  app.get(
    "/t/:tenant/admin/personuppgifter/utdrag.json",
    {
      schema: {
        tags: ["dataskydd"],
        summary: "Registerutdrag: allt som sparats om en e-postadress i kommunen (maskinläsbart; loggas)",
        params: TenantParams,
        querystring: ExtractQuery,
        response: { 200: z.record(z.string(), z.unknown()), ...apiErrors },
      },
      ...extractJson.options,
    },
    async (req, reply) => {
      const { tenant } = extractJson.of(req);
      const email = Email.safeParse(req.query.email ?? "");
      if (!email.success)
        return reply
          .code(400)
          .send({ error: { code: "validation", message: req.t("privacy.subject.invalidEmail"), message_en: req.t("privacy.subject.invalidEmail") } });
      const extract = await extractFor(app.db, app.modules, tenant, email.data);
      await auditRequest(req, {
        action: "subject.extract",
        entity: "resident",
        entityId: addressHash(email.data),
        data: { modules: Object.keys(extract.data) },
      });
      reply.header("content-disposition", `attachment; filename="registerutdrag-${tenant.slug}.json"`);
      return extract;
    },
  );

  app.post(
    "/t/:tenant/admin/personuppgifter/radera",
    {
      schema: {
        tags: ["dataskydd"],
        summary: "Radera allt om en e-postadress i kommunen (efter bekräftelse; loggas)",
        params: TenantParams,
        body: FormBody,
        response: htmlResponses,
      },
      ...subject.options,
    },
    async (req, reply) => {
      const { tenant } = subject.of(req);
      const raw = field(req.body, "email");
      const email = Email.safeParse(raw);
      if (!email.success)
        return sendPage(
          req,
          reply,
          (ctx) => subjectPage(ctx, { slug: tenant.slug, email: raw, errors: { email: ctx.t("privacy.subject.invalidEmail") } }),
          400,
        );
      if (!isConfirmed(req.body)) {
        // Asking is logged too: who started an erasure of which address (hash), confirmed or not.
        await auditRequest(req, { action: "subject.erase.asked", entity: "resident", entityId: addressHash(email.data) });
        return sendPage(req, reply, (ctx) => confirmErasePage(ctx, { slug: tenant.slug, email: email.data }));
      }
      const erased = await eraseFor(app.db, app.modules, tenant.id, email.data);
      await auditRequest(req, { action: "subject.erase", entity: "resident", entityId: addressHash(email.data), data: { erased } });
      return sendPage(req, reply, (ctx) => subjectPage(ctx, { slug: tenant.slug, email: "", erased }));
    },
  );
}
