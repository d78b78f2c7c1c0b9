// Read models: documents with their numbered promises, responsible organisations, activities
// and computed progress. Used by pages, the API, the PDF and open data alike.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { numberPromises, pickCurrent, pickLatest, PUBLIC_STATUSES } from "../domain/lifecycle.ts";
import { computeProgress, type Progress, type Target } from "../domain/progress.ts";
import { type ActivityRow, type AttachmentRow, listActivitiesByLineage, listAttachments } from "../repo/activities.ts";
import { type DocumentRow, findDocument, listDocuments } from "../repo/documents.ts";
import { listPromises, listResponsibles, type PromiseRow } from "../repo/promises.ts";
import type { DocumentStatus } from "../tables.ts";

export type ActivityView = ActivityRow & { attachments: AttachmentRow[] };
export type PromiseView = PromiseRow & {
  number: number;
  responsibles: Array<{ id: string; name: string }>;
  activities: ActivityView[];
  target: Target | null;
  progress: Progress;
};
export type DocumentView = { doc: DocumentRow; promises: PromiseView[] };

export function targetOf(p: Pick<PromiseRow, "target_quantity" | "target_unit" | "target_period" | "target_metric">): Target | null {
  if (p.target_quantity === null || !p.target_unit || !p.target_period) return null;
  return { quantity: Number(p.target_quantity), unit: p.target_unit, period: p.target_period, metric: p.target_metric };
}

export async function loadDocumentViews(
  db: Kysely<DB>,
  tenantId: string,
  docs: readonly DocumentRow[],
  opts: { asOf: string; attachments?: boolean },
): Promise<DocumentView[]> {
  const promises = await listPromises(
    db,
    tenantId,
    docs.map((d) => d.id),
  );
  const ids = promises.map((p) => p.id);
  const [responsibles, activities] = await Promise.all([
    listResponsibles(db, tenantId, ids),
    listActivitiesByLineage(
      db,
      tenantId,
      promises.map((p) => p.lineage_id),
    ),
  ]);
  const attachments = opts.attachments
    ? await listAttachments(
        db,
        tenantId,
        activities.map((a) => a.id),
      )
    : new Map<string, AttachmentRow[]>();
  const byLineage = new Map<string, ActivityView[]>();
  for (const a of activities) byLineage.set(a.lineage_id, [...(byLineage.get(a.lineage_id) ?? []), { ...a, attachments: attachments.get(a.id) ?? [] }]);
  return docs.map((doc) => {
    const own = promises.filter((p) => p.document_id === doc.id);
    const views = numberPromises(own, doc.parties).map((p): PromiseView => {
      const acts = byLineage.get(p.lineage_id) ?? [];
      const target = targetOf(p);
      return {
        ...p,
        responsibles: responsibles.get(p.id) ?? [],
        activities: acts,
        target,
        progress: computeProgress({
          target,
          validFrom: doc.valid_from,
          validTo: doc.valid_to,
          activities: acts.map((a) => ({ occurredOn: a.occurred_on, outcomes: a.outcomes })),
          asOf: opts.asOf,
        }),
      };
    });
    return { doc, promises: views };
  });
}

export async function loadDocumentView(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  opts: { asOf: string; attachments?: boolean; publicOnly?: boolean },
): Promise<DocumentView | null> {
  const doc = await findDocument(db, tenantId, id);
  if (!doc) return null;
  if (opts.publicOnly && !PUBLIC_STATUSES.includes(doc.status)) return null;
  const [view] = await loadDocumentViews(db, tenantId, [doc], opts);
  return view ?? null;
}

/**
 * Published documents (newest first), the current one (its validity period contains `today`;
 * null when none does) and the latest one (the newest published, current or not).
 */
export async function loadPublished(
  db: Kysely<DB>,
  tenantId: string,
  today: string,
): Promise<{ documents: DocumentRow[]; current: DocumentRow | null; latest: DocumentRow | null }> {
  const documents = await listDocuments(db, tenantId, PUBLIC_STATUSES);
  return { documents, current: pickCurrent(documents, today), latest: pickLatest(documents) };
}

/** Documents under way: signed or published (activities are logged against these). */
export const ACTIVE_STATUSES: readonly DocumentStatus[] = ["signerat", "publicerat"];

export async function loadActiveViews(db: Kysely<DB>, tenantId: string, asOf: string): Promise<DocumentView[]> {
  const docs = await listDocuments(db, tenantId, ACTIVE_STATUSES);
  return loadDocumentViews(db, tenantId, docs, { asOf });
}
