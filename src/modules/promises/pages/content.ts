// What people wrote inside the module's sentences: a target's unit and metric, a party's name,
// an outcome's label. Marked with `content()` (src/platform/i18n/content.ts) so that English pages
// wrap them in lang="sv" (`mixed`) and English PDFs tag them sv-SE.
import { mixed, type SafeHtml } from "../../../platform/http/html.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { content } from "../../../platform/i18n/content.ts";
import type { Progress, Target } from "../domain/progress.ts";
import type { Party } from "../tables.ts";
import { achievedText, outcomesText, ownerLabel, sectionHeading, targetText } from "./format.ts";

/** The target with its unit and metric marked as content. */
export function contentTarget(target: Target | null): Target | null {
  return target ? { ...target, unit: content(target.unit), metric: target.metric ? content(target.metric) : null } : null;
}

export function contentParties(parties: readonly Party[]): Party[] {
  return parties.map((p) => ({ ...p, name: content(p.name) }));
}

export function contentOutcomes<O extends { label: string }>(outcomes: readonly O[]): O[] {
  return outcomes.map((o) => ({ ...o, label: content(o.label) }));
}

/** "at least 2 <span lang=sv>riktade trafikkontroller</span> per month" (null without a target). */
export function targetHtml(ctx: PageContext, target: Target | null): SafeHtml | null {
  const text = targetText(ctx.t, contentTarget(target));
  return text === null ? null : mixed(ctx, text);
}

export function achievedHtml(ctx: PageContext, progress: Progress, target: Target | null): SafeHtml {
  return mixed(ctx, achievedText(ctx.t, progress, contentTarget(target)));
}

export function ownerHtml(ctx: PageContext, owner: string, parties: readonly Party[]): SafeHtml {
  return mixed(ctx, ownerLabel(ctx.t, owner, contentParties(parties)));
}

export function sectionHeadingHtml(ctx: PageContext, owner: string, parties: readonly Party[]): SafeHtml {
  return mixed(ctx, sectionHeading(ctx.t, owner, contentParties(parties)));
}

export function outcomesHtml(ctx: PageContext, outcomes: ReadonlyArray<{ label: string; value: number }>): SafeHtml {
  return mixed(ctx, outcomesText(ctx.locale, contentOutcomes(outcomes)));
}
