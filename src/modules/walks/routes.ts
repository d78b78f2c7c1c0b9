// HTTP of the walks module: each route declares its pipeline (tenant, addressed resources,
// access, object-level rule), calls a use case and presents. No SQL here.
import { z } from "zod";
import { apiErrors, fieldIssue, HttpError } from "../../platform/http/errors.ts";
import { FormBody, htmlResponses, redirectWithFlash, sendPageAsync } from "../../platform/http/page.ts";
import { byParam, pipeline } from "../../platform/http/pipeline.ts";
import type { App } from "../../platform/http/types.ts";
import { validateBilingual } from "../../platform/http/validation.ts";
import { itemPage, publicListPage, staffListPage } from "./pages.ts";
import { can } from "./policy.ts";
import { findItem, listItems } from "./repo.ts";
import { ItemInput, ItemOut } from "./schema.ts";
import { createItem } from "./service.ts";

const TenantParams = z.object({ tenant: z.string() });
const ItemParams = z.object({ tenant: z.string(), itemId: z.string() });
const tags = ["walks"];

const publicList = pipeline({ tenant: "path", access: "public", present: "page" });
const publicItem = pipeline({
  tenant: "path",
  access: "public",
  present: "page",
  load: { item: byParam("itemId", findItem) },
  visible: ({ actor, loaded }) => can(actor, "item.read", loaded.item),
});
const staffList = pipeline({ tenant: "path", access: "staff", present: "page" });
const staffCreate = pipeline({
  tenant: "path",
  access: "staff",
  present: "page",
  can: ({ actor, tenant }) => can(actor, "item.create", { tenant_id: tenant.id }),
});
const apiList = pipeline({ tenant: "path", access: "public", present: "json" });
const apiCreate = pipeline({
  tenant: "path",
  access: "staff",
  present: "json",
  can: ({ actor, tenant }) => can(actor, "item.create", { tenant_id: tenant.id }),
});

const out = (i: { id: string; title: string; body: string; status: "utkast" | "publicerad"; created_at: Date }) => ({
  ...i,
  created_at: new Date(i.created_at).toISOString(),
});

export async function registerWalksRoutes(app: App): Promise<void> {
  app.get(
    "/t/:tenant/walks",
    { schema: { tags, summary: "Publicerade poster (publik sida)", params: TenantParams, response: htmlResponses }, ...publicList.options },
    async (req, reply) => {
      const { tenant } = publicList.of(req);
      const items = await listItems(app.db, tenant.id, { publishedOnly: true });
      return sendPageAsync(req, reply, async (ctx) => publicListPage(ctx, items));
    },
  );

  app.get(
    "/t/:tenant/walks/:itemId",
    { schema: { tags, summary: "En post (publik om den är publicerad)", params: ItemParams, response: htmlResponses }, ...publicItem.options },
    async (req, reply) => sendPageAsync(req, reply, async (ctx) => itemPage(ctx, publicItem.of(req).loaded.item)),
  );

  app.get(
    "/t/:tenant/arbete/walks",
    { schema: { tags, summary: "Alla poster och formuläret för en ny (personal)", params: TenantParams, response: htmlResponses }, ...staffList.options },
    async (req, reply) => {
      const { tenant, actor } = staffList.of(req);
      const items = await listItems(app.db, tenant.id, { publishedOnly: false });
      const mayCreate = can(actor, "item.create", { tenant_id: tenant.id });
      return sendPageAsync(req, reply, async (ctx) => staffListPage(ctx, { items, mayCreate, values: {} }));
    },
  );

  app.post(
    "/t/:tenant/arbete/walks",
    { schema: { tags, summary: "Spara en ny post", params: TenantParams, body: FormBody, response: htmlResponses }, ...staffCreate.options },
    async (req, reply) => {
      const { tenant, actor } = staffCreate.of(req);
      const body = req.body as Record<string, string>;
      const values = { title: body.title ?? "", body: body.body ?? "", status: body.status ?? "utkast" };
      const rerender = async (errors: Record<string, string>) => {
        const items = await listItems(app.db, tenant.id, { publishedOnly: false });
        return sendPageAsync(req, reply, async (ctx) => staffListPage(ctx, { items, mayCreate: true, values, errors }), 400);
      };
      const parsed = validateBilingual(ItemInput, values);
      if (!parsed.ok) return rerender(Object.fromEntries(parsed.issues.map((i) => [i.field, req.locale === "en" ? i.message_en : i.message])));
      const r = await createItem(app.db, tenant.id, actor.userId, parsed.value);
      if (r.kind === "duplicateTitle") return rerender({ title: req.t("walks.error.duplicateTitle") });
      return redirectWithFlash(reply, `/t/${tenant.slug}/arbete/walks`, req.t("walks.flash.created"));
    },
  );

  app.get(
    "/api/t/:tenant/walks",
    {
      schema: {
        tags,
        summary: "Publicerade poster (personal ser alla)",
        params: TenantParams,
        response: { 200: z.object({ items: z.array(ItemOut) }), ...apiErrors },
      },
      ...apiList.options,
    },
    async (req) => {
      const { tenant, actor } = apiList.of(req);
      const staff = can(actor, "items.readStaff", { tenant_id: tenant.id });
      return { items: (await listItems(app.db, tenant.id, { publishedOnly: !staff })).map(out) };
    },
  );

  app.post(
    "/api/t/:tenant/walks",
    {
      schema: { tags, summary: "Skapa en post", security: [{ session: [] }], params: TenantParams, body: ItemInput, response: { 201: ItemOut, ...apiErrors } },
      ...apiCreate.options,
    },
    async (req, reply) => {
      const { tenant, actor } = apiCreate.of(req);
      const r = await createItem(app.db, tenant.id, actor.userId, req.body);
      if (r.kind === "duplicateTitle")
        throw HttpError.of(409, "walks.error.duplicateTitle", undefined, {
          code: "duplicate_title",
          fields: [fieldIssue("title", "walks.error.duplicateTitle")],
        });
      return reply.code(201).send(out(r.item));
    },
  );
}
