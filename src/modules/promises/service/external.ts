// What other modules may do with medborgarlöften, through the module's index.ts: cite a finding
// in a draft's lägesbild (the survey cites a result with a live link back to it), and list or
// find promises so another module can name an indicator for one (by the promise's lineage, which
// carries over into new versions of its document).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { statusAllows } from "../domain/lifecycle.ts";
import { findDocument, insertEvent, listDocuments, updateDocumentFields } from "../repo/documents.ts";
import type { DocumentStatus, Finding } from "../tables.ts";

export type DraftChoice = { id: string; title: string; version: number };

/** Documents whose lägesbild can still take a finding (drafts). */
export async function listDraftDocuments(db: Kysely<DB>, tenantId: string): Promise<DraftChoice[]> {
  const docs = await listDocuments(db, tenantId, ["utkast"]);
  return docs.map((d) => ({ id: d.id, title: d.title, version: d.version }));
}

export type AppendFindingOutcome =
  | { kind: "ok" }
  | { kind: "notFound" }
  | { kind: "wrongStatus"; status: DocumentStatus }
  | { kind: "conflict" }
  | { kind: "full"; max: number };

const MAX_FINDINGS = 50;

/** Add a finding at the end of a draft's lägesbild (version-checked; recorded in its history). */
export async function appendFinding(
  db: Kysely<DB>,
  tenantId: string,
  who: { userId: string | null; name: string | null },
  documentId: string,
  version: number,
  finding: Finding,
): Promise<AppendFindingOutcome> {
  return db.transaction().execute(async (trx) => {
    const doc = await findDocument(trx, tenantId, documentId);
    if (!doc) return { kind: "notFound" as const };
    if (!statusAllows(doc.status, "edit")) return { kind: "wrongStatus" as const, status: doc.status };
    if (doc.findings.length >= MAX_FINDINGS) return { kind: "full" as const, max: MAX_FINDINGS };
    const r = await updateDocumentFields(trx, tenantId, documentId, version, "edit", { findings: JSON.stringify([...doc.findings, finding]) });
    if (r.kind === "conflict") return { kind: "conflict" as const };
    if (r.kind === "wrongStatus") return { kind: "wrongStatus" as const, status: r.current.status };
    if (r.kind === "notFound") return { kind: "notFound" as const };
    await insertEvent(trx, tenantId, documentId, {
      action: "edited",
      actorId: who.userId,
      actorName: who.name,
      note: `Lägesbild: ${finding.text.slice(0, 200)}`,
    });
    return { kind: "ok" as const };
  });
}

export type PromiseChoice = { lineageId: string; text: string; documentId: string; documentTitle: string; documentStatus: DocumentStatus };

/** The promises of the tenant's documents that are not archived, newest document first (one per lineage). */
export async function listPromiseChoices(db: Kysely<DB>, tenantId: string): Promise<PromiseChoice[]> {
  const rows = await db
    .selectFrom("promises as p")
    .innerJoin("promise_documents as d", (j) => j.onRef("d.tenant_id", "=", "p.tenant_id").onRef("d.id", "=", "p.document_id"))
    .select(["p.lineage_id", "p.text", "p.position", "d.id as document_id", "d.title", "d.status", "d.valid_from"])
    .where("p.tenant_id", "=", tenantId)
    .where("d.status", "!=", "arkiverat")
    .orderBy("d.valid_from", "desc")
    .orderBy("p.position")
    .execute();
  const seen = new Set<string>();
  const out: PromiseChoice[] = [];
  for (const r of rows) {
    if (seen.has(r.lineage_id)) continue;
    seen.add(r.lineage_id);
    out.push({ lineageId: r.lineage_id, text: r.text, documentId: r.document_id, documentTitle: r.title, documentStatus: r.status });
  }
  return out;
}

/** The newest promise of a lineage (and its document), or undefined. */
export async function findPromiseByLineage(db: Kysely<DB>, tenantId: string, lineageId: string): Promise<PromiseChoice | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(lineageId)) return undefined;
  return (await listPromiseChoices(db, tenantId)).find((p) => p.lineageId === lineageId);
}
