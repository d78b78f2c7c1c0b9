// GET /admin/outbox and /admin/outbox/:id — the stored mail, for system administrators. In
// development this is where reset links and invitations are read; in production it is a log.
import { z } from "zod";
import { htmlResponses, sendPage } from "../../platform/http/page.ts";
import { pipeline } from "../../platform/http/pipeline.ts";
import type { App } from "../../platform/http/types.ts";
import { outboxListPage, outboxMessagePage } from "./pages.ts";
import { countOutbox, findOutboxMessage, listOutbox } from "./repo.ts";

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One stored message by :id (any tenant's: the outbox is the system administrators'). */
const message = pipeline({
  tenant: "none",
  access: "systemAdmin",
  present: "page",
  load: { message: { param: "id", load: (db, _tenant, id) => (UUID.test(id) ? findOutboxMessage(db, id) : Promise.resolve(undefined)) } },
  // A stored mail may hold a resident's address and a password link: each reading is logged.
  audit: "read",
});

const ListQuery = z.object({ sida: z.coerce.number().int().min(1).max(100000).optional().describe("Sidnummer, 1 = nyaste") });
const MessageParams = z.object({ id: z.string() });

// The outbox holds mail of every tenant: system administrators only (others get 404).
const outbox = pipeline({ tenant: "none", access: "systemAdmin", present: "page" });

export async function registerOutboxRoutes(app: App): Promise<void> {
  app.get(
    "/admin/outbox",
    {
      schema: { tags: ["drift"], summary: "Utkorgen: all lagrad e-post (systemadministratörer)", querystring: ListQuery, response: htmlResponses },
      ...outbox.options,
    },
    async (req, reply) => {
      const total = await countOutbox(app.db);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(req.query.sida ?? 1, pages);
      const messages = await listOutbox(app.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      return sendPage(req, reply, (ctx) => outboxListPage(ctx, { messages, total, page, pages }));
    },
  );

  app.get(
    "/admin/outbox/:id",
    {
      schema: { tags: ["drift"], summary: "Ett lagrat e-postmeddelande (systemadministratörer)", params: MessageParams, response: htmlResponses },
      ...message.options,
    },
    async (req, reply) => {
      const { loaded } = message.of(req);
      return sendPage(req, reply, (ctx) => outboxMessagePage(ctx, loaded.message));
    },
  );
}
