// Who may use the system administration pages. Default deny.
import type { Actor } from "../../platform/auth/actor.ts";

/** The mail outbox holds mail of every tenant: system administrators only. */
export function canViewOutbox(actor: Actor | null): boolean {
  return actor?.isSystemAdmin === true;
}
