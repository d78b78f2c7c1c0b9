// Staff routes for survey definitions: the definition page (introduction, items), the item form,
// moving and removing items, a new revision of a locked definition, and translations.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../../platform/http/errors.ts";
import type { FieldErrors } from "../../../platform/http/forms.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../../platform/http/page.ts";
import { pipeline } from "../../../platform/http/pipeline.ts";
import type { App } from "../../../platform/http/types.ts";
import { localiseMessage } from "../../../platform/http/validation.ts";
import { translator } from "../../../platform/i18n/i18n.ts";
import { type ItemDef, type Lang, TRANSLATION_LANGS, translatableTexts } from "../domain/definition.ts";
import { UI_KEYS, type UiKey } from "../domain/ui-texts.ts";
import { can } from "../policy.ts";
import { definitionPage, itemFormPage, itemValues, translationPage } from "../pages/definition.ts";
import { definitionUrl } from "../pages/urls.ts";
import type { DefinitionRow } from "../repo/definitions.ts";
import { moveItem, newRevision, removeItem, saveIntro, saveItem, saveTranslations } from "../service/definitions.ts";
import { bodyOf, definitionParam, who } from "./common.ts";

const tags = ["trygghetsmätning (enkäter)"];
const DefParams = z.object({ tenant: z.string(), definitionId: z.string() });
const ItemParams = z.object({ tenant: z.string(), definitionId: z.string(), itemKey: z.string() });
const LangParams = z.object({ tenant: z.string(), definitionId: z.string(), lang: z.string() });

const str = (body: Record<string, unknown>, k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
const svT = translator("sv");

/** Flat item form fields → an item (validated with the whole definition by the use case). */
export function itemFromForm(v: Record<string, string>): { item: ItemDef; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const options = v.options
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [key = "", sv = "", en = ""] = line.split("|").map((x) => x.trim());
      return { key, text: { sv: sv || key, ...(en ? { en } : {}) } };
    });
  const type = v.type as ItemDef["type"];
  const choices = type === "scale" || type === "choice" || type === "multi";
  if (choices && v.dont_know === "on" && type !== "multi") options.push({ key: "vet_ej", text: { sv: "Vet ej", en: "Don't know" }, dontKnow: true } as never);
  const keys = (s: string) =>
    s
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  const num = (s: string, field: string) => {
    if (s.trim() === "") return undefined;
    const n = Number(s.replace(",", "."));
    if (!Number.isFinite(n)) errors[field] = "surveys.error.notANumber";
    return Number.isFinite(n) ? n : undefined;
  };
  const page = Number(v.page);
  const item = {
    key: v.key.trim(),
    type,
    page: Number.isInteger(page) ? page : 0,
    theme: v.theme as ItemDef["theme"],
    text: { sv: v.text_sv.trim(), ...(v.text_en.trim() ? { en: v.text_en.trim() } : {}) },
    ...(v.help_sv.trim() ? { help: { sv: v.help_sv.trim(), ...(v.help_en.trim() ? { en: v.help_en.trim() } : {}) } } : {}),
    options: choices ? options : [],
    ...(v.measure_kind
      ? {
          measure: {
            kind: v.measure_kind as NonNullable<ItemDef["measure"]>["kind"],
            options: type === "yesno" && !keys(v.measure_options).length ? ["ja"] : keys(v.measure_options),
          },
        }
      : {}),
    ...(v.condition_item ? { condition: { item: v.condition_item, anyOf: keys(v.condition_options) } } : {}),
    ...(v.role ? { role: v.role as ItemDef["role"] } : {}),
    min: num(v.min, "min"),
    max: num(v.max, "max"),
  } as ItemDef;
  if (!Number.isInteger(page) || page < 1) errors.page = "surveys.error.page";
  return { item, errors };
}

/** A validation path of the definition (items.N.text.sv) → the item form's field. */
function fieldOf(path: string): string {
  const parts = path.split(".");
  if (parts[0] !== "items") return "key";
  const rest = parts.slice(2);
  if (rest[0] === "text") return `text_${rest[1] ?? "sv"}`;
  if (rest[0] === "help") return `help_${rest[1] ?? "sv"}`;
  if (rest[0] === "measure") return rest[1] === "options" ? "measure_options" : "measure_kind";
  if (rest[0] === "condition") return rest[1] === "anyOf" ? "condition_options" : "condition_item";
  if (rest[0] === "options") return "options";
  if (rest.length === 0) return "key";
  return rest[0] ?? "key";
}

export async function registerDefinitionRoutes(app: App): Promise<void> {
  const read = pipeline({ tenant: "path", access: "staff", present: "page", load: { definition: definitionParam } });
  const manage = pipeline({
    tenant: "path",
    access: "staff",
    present: "page",
    load: { definition: definitionParam },
    can: ({ actor, tenant }) => can(actor, "survey.manage", { tenant_id: tenant.id }),
  });
  const base = (req: FastifyRequest, d: DefinitionRow) => definitionUrl(req.tenant!.slug, d.id);
  const msg = (req: FastifyRequest, key: string) => localiseMessage(key, req.locale);

  function refusalText(req: FastifyRequest, kind: string): string {
    if (kind === "locked") return req.t("surveys.error.locked");
    if (kind === "conflict") return req.t("surveys.error.conflict");
    return req.t("surveys.error.itemGone");
  }

  async function showDefinition(
    req: FastifyRequest,
    reply: FastifyReply,
    d: DefinitionRow,
    extra: { values?: Record<string, string>; errors?: FieldErrors; refusal?: string | null },
    status = 200,
  ) {
    const manageable = can(req.actor, "survey.manage", { tenant_id: d.tenant_id });
    return sendPageAsync(req, reply, async (ctx) => definitionPage(ctx, { definition: d, manage: manageable, ...extra }), status);
  }

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId",
    { schema: { tags, summary: "En enkät: frågor, sidor och översättningar", params: DefParams, response: htmlResponses }, ...read.options },
    async (req, reply) => showDefinition(req, reply, read.of(req).loaded.definition, {}),
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId",
    { schema: { tags, summary: "Spara enkätens namn och inledning", params: DefParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant, loaded } = manage.of(req);
      const body = bodyOf(req);
      const values = { name: str(body, "name").trim(), intro_sv: str(body, "intro_sv").trim(), intro_en: str(body, "intro_en").trim() };
      const errors: FieldErrors = {};
      if (!values.name || values.name.length > 200) errors.name = req.t("surveys.error.name");
      if (!values.intro_sv) errors.intro_sv = msg(req, "surveys.error.svTextRequired");
      if (Object.keys(errors).length) return showDefinition(req, reply, loaded.definition, { values, errors }, 400);
      const r = await saveIntro(
        app.db,
        tenant.id,
        loaded.definition,
        Number(str(body, "version")),
        { sv: values.intro_sv, ...(values.intro_en ? { en: values.intro_en } : {}) },
        values.name,
      );
      if (r.kind === "ok") return redirectWithFlash(reply, base(req, loaded.definition), req.t("surveys.flash.saved"));
      if (r.kind === "invalid") return showDefinition(req, reply, loaded.definition, { values, errors: { intro_sv: msg(req, r.issues[0]!.message) } }, 400);
      const current = r.kind === "conflict" ? r.current : loaded.definition;
      return showDefinition(req, reply, current, { values, refusal: refusalText(req, r.kind) }, 409);
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/ny-version",
    { schema: { tags, summary: "Ny version av en låst enkät", params: DefParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant, actor, loaded } = manage.of(req);
      const r = await newRevision(app.db, tenant.id, who(actor), loaded.definition.id);
      if (r.kind !== "ok") throw HttpError.of(404);
      return redirectWithFlash(reply, definitionUrl(tenant.slug, r.definition.id), req.t("surveys.flash.newRevision", { revision: r.definition.revision }));
    },
  );

  const itemForm = (original: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { tenant, loaded } = manage.of(req);
    const d = loaded.definition;
    const body = bodyOf(req);
    const fields = [
      "key",
      "type",
      "page",
      "theme",
      "text_sv",
      "text_en",
      "help_sv",
      "help_en",
      "options",
      "dont_know",
      "measure_kind",
      "measure_options",
      "condition_item",
      "condition_options",
      "role",
      "min",
      "max",
    ];
    const values = Object.fromEntries(fields.map((f) => [f, str(body, f)]));
    const existing = original ? (d.content.items.find((i) => i.key === original) ?? null) : null;
    const again = (current: DefinitionRow, errors: FieldErrors, status: number) =>
      sendPageAsync(req, reply, async (ctx) => itemFormPage(ctx, { definition: current, item: existing, values, errors }), status);
    const { item, errors } = itemFromForm(values);
    if (Object.keys(errors).length) return again(d, Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, msg(req, v)])), 400);
    const r = await saveItem(app.db, tenant.id, d, Number(str(body, "version")), original, item);
    if (r.kind === "ok") return redirectWithFlash(reply, `${definitionUrl(tenant.slug, d.id)}#item-${item.key}`, req.t("surveys.flash.itemSaved"));
    if (r.kind === "invalid") {
      const fieldErrors: FieldErrors = {};
      for (const issue of r.issues) {
        const f = fieldOf(issue.path);
        if (!(f in fieldErrors)) fieldErrors[f] = msg(req, issue.message);
      }
      return again(d, fieldErrors, 400);
    }
    if (r.kind === "conflict") return again(r.current, { key: req.t("surveys.error.conflict") }, 409);
    return again(d, { key: refusalText(req, r.kind) }, 409);
  };

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/fraga",
    { schema: { tags, summary: "Formulär för en ny fråga", params: DefParams, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const d = manage.of(req).loaded.definition;
      if (d.locked) return showDefinition(req, reply, d, { refusal: req.t("surveys.error.locked") }, 409);
      return sendPageAsync(req, reply, async (ctx) => itemFormPage(ctx, { definition: d, item: null, values: itemValues(null) }));
    },
  );
  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/fraga",
    { schema: { tags, summary: "Lägg till en fråga", params: DefParams, body: FormBody, response: htmlResponses }, ...manage.options },
    itemForm(null),
  );
  app.get(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/fraga/:itemKey",
    { schema: { tags, summary: "Formulär för en fråga", params: ItemParams, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const d = manage.of(req).loaded.definition;
      const item = d.content.items.find((i) => i.key === (req.params as { itemKey: string }).itemKey);
      if (!item) return reply.callNotFound();
      return sendPageAsync(req, reply, async (ctx) => itemFormPage(ctx, { definition: d, item, values: itemValues(item) }));
    },
  );
  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/fraga/:itemKey",
    { schema: { tags, summary: "Spara en fråga", params: ItemParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => itemForm((req.params as { itemKey: string }).itemKey)(req, reply),
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/fraga/:itemKey/ta-bort",
    { schema: { tags, summary: "Ta bort en fråga", params: ItemParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant, loaded } = manage.of(req);
      const key = (req.params as { itemKey: string }).itemKey;
      const r = await removeItem(app.db, tenant.id, loaded.definition, Number(str(bodyOf(req), "version")), key);
      if (r.kind === "ok") return redirectWithFlash(reply, definitionUrl(tenant.slug, loaded.definition.id), req.t("surveys.flash.itemRemoved"));
      if (r.kind === "invalid")
        return showDefinition(
          req,
          reply,
          loaded.definition,
          { refusal: req.t("surveys.error.removeBreaks", { problem: msg(req, r.issues[0]!.message) }) },
          409,
        );
      return showDefinition(
        req,
        reply,
        r.kind === "conflict" ? r.current : loaded.definition,
        { refusal: refusalText(req, r.kind) },
        r.kind === "notFound" ? 404 : 409,
      );
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/fraga/:itemKey/flytta",
    { schema: { tags, summary: "Flytta en fråga upp eller ner", params: ItemParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant, loaded } = manage.of(req);
      const body = bodyOf(req);
      const key = (req.params as { itemKey: string }).itemKey;
      const r = await moveItem(app.db, tenant.id, loaded.definition, Number(str(body, "version")), key, str(body, "direction") === "up" ? "up" : "down");
      if (r.kind === "ok") return redirectWithFlash(reply, `${definitionUrl(tenant.slug, loaded.definition.id)}#item-${key}`, req.t("surveys.flash.itemMoved"));
      if (r.kind === "invalid")
        return showDefinition(
          req,
          reply,
          loaded.definition,
          { refusal: req.t("surveys.error.removeBreaks", { problem: msg(req, r.issues[0]!.message) }) },
          409,
        );
      return showDefinition(
        req,
        reply,
        r.kind === "conflict" ? r.current : loaded.definition,
        { refusal: refusalText(req, r.kind) },
        r.kind === "notFound" ? 404 : 409,
      );
    },
  );

  // ---- Translations ----
  const langOfParam = (req: FastifyRequest): Exclude<Lang, "sv"> | null => {
    const l = (req.params as { lang: string }).lang;
    return (TRANSLATION_LANGS as readonly string[]).includes(l) ? (l as Exclude<Lang, "sv">) : null;
  };

  app.get(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/oversattning/:lang",
    { schema: { tags, summary: "Översätt enkätens texter till ett språk", params: LangParams, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const d = manage.of(req).loaded.definition;
      const lang = langOfParam(req);
      if (!lang) return reply.callNotFound();
      return sendPageAsync(req, reply, async (ctx) => translationPage(ctx, { definition: d, lang, svCatalog: svT }));
    },
  );

  app.post(
    "/t/:tenant/arbete/trygghetsmatning/definitioner/:definitionId/oversattning/:lang",
    { schema: { tags, summary: "Spara översättningar", params: LangParams, body: FormBody, response: htmlResponses }, ...manage.options },
    async (req, reply) => {
      const { tenant, loaded } = manage.of(req);
      const lang = langOfParam(req);
      if (!lang) return reply.callNotFound();
      const body = bodyOf(req);
      const texts: Record<string, string> = {};
      for (const x of translatableTexts(loaded.definition.content)) if (typeof body[`t.${x.path}`] === "string") texts[x.path] = body[`t.${x.path}`] as string;
      const ui: Partial<Record<UiKey, string>> = {};
      for (const k of UI_KEYS) if (typeof body[`ui.${k}`] === "string") ui[k] = body[`ui.${k}`] as string;
      const r = await saveTranslations(app.db, tenant.id, loaded.definition, Number(str(body, "version")), lang, texts, ui, svT);
      if (r.kind === "ok") return redirectWithFlash(reply, definitionUrl(tenant.slug, loaded.definition.id), req.t("surveys.flash.translations"));
      const values = Object.fromEntries(
        Object.entries(body).filter(([k, v]) => (k.startsWith("t.") || k.startsWith("ui.")) && typeof v === "string"),
      ) as Record<string, string>;
      const errors: FieldErrors = {};
      if (r.kind === "invalid") for (const i of r.issues) errors[i.path] = msg(req, i.message);
      else errors[Object.keys(values)[0] ?? "t.intro"] = refusalText(req, r.kind);
      const current = r.kind === "conflict" ? r.current : loaded.definition;
      return sendPageAsync(
        req,
        reply,
        async (ctx) => translationPage(ctx, { definition: current, lang, svCatalog: svT, values, errors }),
        r.kind === "invalid" ? 400 : 409,
      );
    },
  );
}
