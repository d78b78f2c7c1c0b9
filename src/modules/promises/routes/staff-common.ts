// Shared plumbing of the staff pages: the document page (also used to explain a refused step),
// and the wording of outcomes that pages and the API share.
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../../../platform/http/errors.ts";
import { sendPageAsync } from "../../../platform/http/page.ts";
import type { App } from "../../../platform/http/types.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { signingProblems } from "../domain/lifecycle.ts";
import { todayInStockholm } from "../domain/progress.ts";
import { documentStaffPage } from "../pages/staff.ts";
import { abilitiesOf, can } from "../policy.ts";
import { type DocumentRow, listEvents, listSeries } from "../repo/documents.ts";
import type { Party } from "../tables.ts";
import { loadDocumentViews } from "../service/views.ts";

export async function renderDocumentStaffPage(
  app: App,
  req: FastifyRequest,
  reply: FastifyReply,
  doc: DocumentRow,
  opts: { notice?: string | null; status?: number } = {},
): Promise<FastifyReply> {
  const tenant = req.tenant!;
  const actor = req.actor;
  if (!actor) throw HttpError.of(401);
  const [view] = await loadDocumentViews(app.db, tenant.id, [doc], { asOf: todayInStockholm(), attachments: true });
  const [events, series] = await Promise.all([listEvents(app.db, tenant.id, doc.id), listSeries(app.db, tenant.id, doc.series_id)]);
  return sendPageAsync(
    req,
    reply,
    async (ctx) =>
      documentStaffPage(ctx, {
        view: view!,
        abilities: abilitiesOf(actor, tenant.id),
        problems: signingProblems(doc, view!.promises.length),
        notice: opts.notice,
        events,
        series,
        canDeleteActivity: (createdBy) => can(actor, "activity.delete", { tenant_id: tenant.id, created_by: createdBy }),
      }),
    opts.status ?? 200,
  );
}

/** "Dokumentet är publicerat och kan inte ändras så här." */
export function wrongStatusText(t: Translate, status: string): string {
  return t("promises.error.wrongStatus", { status: t(`promises.status.${status}`) });
}

export function conflictText(t: Translate): string {
  return t("promises.error.conflict");
}

export function missingSignaturesText(t: Translate, missing: readonly Party[]): string {
  return t("promises.error.missingSignatures", { parties: missing.map((p) => p.name).join(", ") });
}
