// Shared wording and small widgets for promise pages, the PDF and exports: target sentences,
// achieved figures, owner and period labels, status and verdict badges, progress bars.
import { html, mixed, type SafeHtml } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import { scrollTable } from "../../../platform/http/tables.ts";
import { formatDate, formatNumber, type Locale, type Translate } from "../../../platform/i18n/i18n.ts";
import { KOMMUNEN, POLISEN, TILLSAMMANS } from "../domain/lifecycle.ts";
import type { PeriodResult, Progress, Target, TargetProgress, VerdictConflict } from "../domain/progress.ts";
import type { DocumentStatus, Party, Verdict } from "../tables.ts";

/** "minst 2 riktade trafikkontroller per månad" */
export function targetText(t: Translate, target: Target | null): string | null {
  if (!target) return null;
  const base = t("promises.target.text", { quantity: target.quantity, unit: target.unit, period: t(`promises.targetPeriod.${target.period}`) });
  return target.metric ? `${base} ${t("promises.target.countedAs", { metric: target.metric })}` : base;
}

/** What has been achieved so far, in one sentence. */
export function achievedText(t: Translate, progress: Progress, target: Target | null): string {
  if (progress.kind === "noTarget") return t("promises.progress.activities", { count: progress.activityCount });
  const unit = target?.unit ?? "";
  if (target?.period === "validity") {
    const key = progress.current ? "promises.progress.ofTotal" : "promises.progress.ofTotalDone";
    return t(key, { achieved: progress.totalAchieved, target: target.quantity, unit });
  }
  const periodsWord = t(`promises.progress.periodWord.${target?.period ?? "month"}`);
  return t("promises.progress.periodsMet", {
    met: progress.periodsMet,
    evaluated: progress.periodsEvaluated,
    periods: periodsWord,
    total: progress.totalAchieved,
    unit,
  });
}

export function periodLabel(t: Translate, locale: Locale, p: Pick<PeriodResult, "key" | "period" | "start" | "end">): string {
  if (p.period === "validity") return t("promises.period.validity");
  if (p.period === "year") return p.key;
  if (p.period === "quarter") {
    const [y, q] = p.key.split("-Q");
    return t("promises.period.quarter", { quarter: q ?? "", year: y ?? "" });
  }
  const d = new Date(`${p.key}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}

/** "jul 2021", "jan–nov 2021", "nov 2021–feb 2022"; "kv. 1–3 2021"; "2021–2022"; "hela perioden". */
export function periodRunLabel(t: Translate, first: Pick<PeriodResult, "key" | "period">, last: Pick<PeriodResult, "key" | "period">): string {
  if (first.period === "validity") return t("promises.period.validity").toLocaleLowerCase("sv-SE");
  const split = (p: Pick<PeriodResult, "key">) => {
    const [y, rest] = p.key.split("-");
    return { year: y ?? "", part: rest ?? "" };
  };
  const a = split(first);
  const b = split(last);
  if (first.period === "year") return first.key === last.key ? first.key : `${first.key}–${last.key}`;
  const name = (part: string) => {
    if (first.period === "quarter") return part.replace(/^Q/, "");
    return t("promises.months.short").split(",")[Number(part) - 1] ?? part;
  };
  if (first.period === "quarter") {
    if (first.key === last.key) return t("promises.period.quarterShort", { quarter: name(a.part), year: a.year });
    if (a.year === b.year) return t("promises.period.quarterRun", { from: name(a.part), to: name(b.part), year: a.year });
    return `${t("promises.period.quarterShort", { quarter: name(a.part), year: a.year })}–${t("promises.period.quarterShort", { quarter: name(b.part), year: b.year })}`;
  }
  if (first.key === last.key) return `${name(a.part)} ${a.year}`;
  if (a.year === b.year) return `${name(a.part)}–${name(b.part)} ${a.year}`;
  return `${name(a.part)} ${a.year}–${name(b.part)} ${b.year}`;
}

/** Which ended periods missed the target: "11 av 12 månader missade: jan–nov 2021" (null when none). */
export function missedText(t: Translate, progress: Progress, target: Target | null): string | null {
  if (progress.kind !== "target" || progress.missed.length === 0) return null;
  if (target?.period === "validity") return t("promises.progress.missedValidity");
  return t("promises.progress.missed", {
    missed: progress.missed.length,
    evaluated: progress.periodsEvaluated,
    periods: t(`promises.progress.periodWord.${target?.period ?? "month"}`),
    which: progress.missedRuns.map((r) => periodRunLabel(t, r.first, r.last)).join(", "),
  });
}

/** The missed periods as their own line (for pages; the text says it all, the class only colours it). */
export function missedLine(t: Translate, progress: Progress, target: Target | null): SafeHtml {
  const text = missedText(t, progress, target);
  return text ? html`<p class="progress-text progress-missed">${text}</p>` : html``;
}

/** The state badge of a promise with a target: behind (missed periods or lagging) or on track. */
export function stateBadge(t: Translate, progress: TargetProgress): SafeHtml {
  return progress.behind
    ? html`<span class="badge badge--danger">${t("promises.progress.behind")}</span>`
    : html`<span class="badge badge--ok">${t("promises.progress.onTrack")}</span>`;
}

export function ownerLabel(t: Translate, owner: string, parties: readonly Party[]): string {
  if (owner === TILLSAMMANS) return t("promises.owner.tillsammans");
  if (owner === POLISEN) return parties.find((p) => p.key === POLISEN)?.name ?? t("promises.owner.polisen");
  if (owner === KOMMUNEN) return parties.find((p) => p.key === KOMMUNEN)?.name ?? t("promises.owner.kommunen");
  return parties.find((p) => p.key === owner)?.name ?? owner;
}

/** Heading of an owner's section in the familiar document ("Polisen lovar att"). */
export function sectionHeading(t: Translate, owner: string, parties: readonly Party[]): string {
  if (owner === POLISEN) return t("promises.section.polisen");
  if (owner === KOMMUNEN) return t("promises.section.kommunen");
  if (owner === TILLSAMMANS) return t("promises.section.tillsammans");
  return t("promises.section.other", { name: ownerLabel(t, owner, parties) });
}

export function dateRange(locale: Locale, from: string, to: string): string {
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}

export function statusBadge(t: Translate, status: DocumentStatus): SafeHtml {
  const tone = status === "publicerat" || status === "uppfoljt" ? "ok" : status === "arkiverat" ? "muted" : "warn";
  return html`<span class="badge badge--${tone}">${t(`promises.status.${status}`)}</span>`;
}

export function verdictBadge(t: Translate, verdict: Verdict | null): SafeHtml {
  if (!verdict) return html`<span class="badge badge--muted">${t("promises.verdict.none")}</span>`;
  const tone = verdict === "uppfyllt" ? "ok" : verdict === "delvis" ? "warn" : "danger";
  return html`<span class="badge badge--${tone}">${t(`promises.verdict.${verdict}`)}</span>`;
}

/** Progress bar (decorative) plus the same information as text. */
export function progressBlock(t: Translate, locale: Locale, progress: Progress, target: Target | null): SafeHtml {
  // The unit is content (Swedish): lang="sv" around it on English pages.
  const text = mixed({ locale }, achievedText(t, progress, target && { ...target, unit: content(target.unit) }));
  if (progress.kind === "noTarget") {
    return html`<p class="progress-text">${text}${progress.lastActivityOn ? html` · ${t("promises.progress.lastActivity", { date: formatDate(progress.lastActivityOn, locale) })}` : ""}</p>`;
  }
  const pct = Math.round(progress.share * 100);
  const current = progress.current;
  return html`<div class="progress" aria-hidden="true"><span style="width:${pct}%"></span></div>
<p class="progress-text">${text}${progress.behind ? html` · <span class="badge badge--danger">${t("promises.progress.behind")}</span>` : ""}</p>
${missedLine(t, progress, target)}
${
  current && target?.period !== "validity"
    ? html`<p class="progress-text">${t("promises.progress.current", {
        period: periodLabel(t, locale, current),
        achieved: formatNumber(current.achieved, locale, 2),
        target: formatNumber(current.target, locale, 2),
      })}</p>`
    : ""
}`;
}

export function periodStateBadge(t: Translate, state: PeriodResult["state"]): SafeHtml {
  const tone = state === "met" ? "ok" : state === "missed" ? "danger" : state === "ongoing" ? "warn" : "muted";
  return html`<span class="badge badge--${tone}">${t(`promises.periodState.${state}`)}</span>`;
}

/** Month-by-month (or quarter/year) table of a target, inside a disclosure. */
export function periodTable(t: Translate, locale: Locale, progress: Progress, caption: string): SafeHtml {
  if (progress.kind !== "target" || progress.periods.length < 2) return html``;
  return html`<details class="periods"><summary>${t("promises.progress.showPeriods")}</summary>
${scrollTable(
  caption,
  html`<table>
  <caption>${caption}</caption>
  <thead><tr><th scope="col">${t("promises.progress.period")}</th><th scope="col" class="num">${t("promises.progress.target")}</th><th scope="col" class="num">${t(
    "promises.progress.achieved",
  )}</th><th scope="col">${t("promises.progress.state")}</th></tr></thead>
  <tbody>${progress.periods.map(
    (p) =>
      html`<tr><td>${periodLabel(t, locale, p)}${p.partial ? html` <span class="muted">(${t("promises.progress.partial")})</span>` : ""}</td><td class="num">${formatNumber(
        p.target,
        locale,
        2,
      )}</td><td class="num">${formatNumber(p.achieved, locale, 2)}</td><td>${periodStateBadge(t, p.state)}</td></tr>`,
  )}</tbody>
</table>`,
)}</details>`;
}

export function outcomesText(locale: Locale, outcomes: ReadonlyArray<{ label: string; value: number }>): string {
  return outcomes.map((o) => `${formatNumber(o.value, locale, 2)} ${o.label}`).join(", ");
}

/** Extra head content of a page of the module (its styles are in the shared stylesheet). */
export function moduleHead(extra?: SafeHtml): SafeHtml {
  return html`${extra ?? ""}`;
}

/** Why a verdict needs confirmation, with the verdict and the measurement side by side. */
export function verdictConflictText(t: Translate, conflict: VerdictConflict, verdict: Verdict, p: { progress: Progress; target: Target | null }): string {
  const chosen = t(`promises.verdict.${verdict}`);
  if (conflict.kind === "noActivities") return t("promises.verdictCheck.noActivities", { verdict: chosen });
  return t("promises.verdictCheck.differs", {
    verdict: chosen,
    suggested: t(`promises.verdict.${conflict.suggested}`),
    measured: achievedText(t, p.progress, p.target),
  });
}
