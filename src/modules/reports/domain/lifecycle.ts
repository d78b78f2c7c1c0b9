// The life of a report: mottagen → under utredning → åtgärdad / avslutad utan åtgärd (with a
// reason) / inte vårt ansvar (naming who is responsible instead) / dubblett (merged into
// another). A closed report can be reopened. Open311 knows only open and closed.
import { REPORT_STATUSES, type ReportStatus } from "../tables.ts";

export const OPEN_STATUSES: readonly ReportStatus[] = ["mottagen", "under_utredning"];
export const CLOSED_STATUSES: readonly ReportStatus[] = REPORT_STATUSES.filter((s) => !OPEN_STATUSES.includes(s));

export function isOpen(status: ReportStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function open311Status(status: ReportStatus): "open" | "closed" {
  return isOpen(status) ? "open" : "closed";
}

/** Statuses staff may set with the status form (dubblett goes through merging, reopening through reopen). */
export const SETTABLE_STATUSES: readonly ReportStatus[] = ["mottagen", "under_utredning", "atgardad", "avslutad", "inte_vart_ansvar"];

export type StatusChange = { to: ReportStatus; reason: string; authority: string };

export type StatusCheck =
  | { kind: "ok"; reason: string | null; authority: string | null }
  | { kind: "unchanged" }
  | { kind: "closed" }
  | { kind: "notSettable" }
  | { kind: "reasonRequired" }
  | { kind: "authorityRequired" };

/** Whether `from` may change to `change.to` through the status form, and with what. */
export function checkStatusChange(from: ReportStatus, change: StatusChange): StatusCheck {
  if (!SETTABLE_STATUSES.includes(change.to)) return { kind: "notSettable" };
  if (!isOpen(from)) return { kind: "closed" };
  if (from === change.to) return { kind: "unchanged" };
  const reason = change.reason.trim();
  const authority = change.authority.trim();
  if (change.to === "avslutad" && !reason) return { kind: "reasonRequired" };
  if (change.to === "inte_vart_ansvar" && !authority) return { kind: "authorityRequired" };
  return {
    kind: "ok",
    reason: change.to === "avslutad" || change.to === "atgardad" ? reason || null : null,
    authority: change.to === "inte_vart_ansvar" ? authority : null,
  };
}

export function canReopen(status: ReportStatus): boolean {
  return !isOpen(status);
}

/** Whether a report may be merged into another: both of one tenant, distinct, target not itself a duplicate. */
export function checkMerge(
  source: { id: string; status: ReportStatus },
  target: { id: string; status: ReportStatus; duplicate_of: string | null } | undefined,
): { kind: "ok" } | { kind: "targetMissing" } | { kind: "self" } | { kind: "targetIsDuplicate" } | { kind: "alreadyDuplicate" } {
  if (!target) return { kind: "targetMissing" };
  if (target.id === source.id) return { kind: "self" };
  if (source.status === "dubblett") return { kind: "alreadyDuplicate" };
  if (target.status === "dubblett" || target.duplicate_of) return { kind: "targetIsDuplicate" };
  return { kind: "ok" };
}
