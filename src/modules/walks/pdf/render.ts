// The protocol of a walk as a tagged PDF on the platform's kit (src/platform/pdf/): what the
// walk was, who took part (counts by group, never names), the action list as it is now — owner,
// status, due date, feedback and the date of each change — the closing meeting and, for a
// re-walk, what it found at the earlier walk's actions. Labels follow the reader's language;
// what people wrote stays Swedish and is tagged sv-SE in an English PDF. The creation date is
// the latest change of the walk or an action, so the same protocol gives the same bytes.
import { content as c } from "../../../platform/i18n/content.ts";
import { formatDate, type Locale, translator } from "../../../platform/i18n/i18n.ts";
import { createPdf } from "../../../platform/pdf/document.ts";
import { PARTICIPANT_GROUPS } from "../domain/categories.ts";
import { kindLabel, lightText, whenText } from "../pages/format.ts";
import { actionSummary, changedOn, type WalkView } from "../service/views.ts";

export type ProtocolPdfOptions = { locale: Locale; publicUrl: string };

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The latest change of the protocol: the walk or any of its actions. */
export function protocolDate(v: WalkView): Date {
  let latest = new Date(v.walk.updated_at).getTime();
  for (const a of v.actions) {
    latest = Math.max(latest, new Date(a.updated_at).getTime());
    for (const ch of a.changes) latest = Math.max(latest, new Date(ch.created_at).getTime());
  }
  return new Date(latest);
}

export async function renderProtocolPdf(v: WalkView, opts: ProtocolPdfOptions): Promise<Buffer> {
  const { locale } = opts;
  const t = translator(locale);
  const w = v.walk;
  const title = t("walks.pdf.title", { title: c(w.title) });
  const pdf = createPdf({ locale, title, subject: t("walks.pdf.subject"), date: protocolDate(v), publicUrl: opts.publicUrl });
  pdf.heading(1, title);
  pdf.paragraph(`${kindLabel(t, w.kind)} · ${whenText(w, locale)}`);
  if (w.meeting_point) pdf.paragraph(`${t("walks.field.meetingPoint")}: ${c(w.meeting_point)}`);
  pdf.paragraph(`${t("walks.field.light")}: ${lightText(t, locale, v.light)}`);
  if (w.organisers.length) pdf.paragraph(`${t("walks.field.organisers")}: ${c(w.organisers.join(", "))}`);
  if (v.invited.length) pdf.paragraph(`${t("walks.field.invited")}: ${c(v.invited.map((o) => o.name).join(", "))}`);
  if (w.decision_makers.length) pdf.paragraph(`${t("walks.field.decisionMakers")}: ${c(w.decision_makers.join(", "))}`);
  if (w.protocol_published_at) pdf.paragraph(t("walks.protocol.published", { date: formatDate(new Date(w.protocol_published_at), locale) }), { muted: true });
  pdf.paragraph(t("walks.pdf.asOf", { date: formatDate(protocolDate(v), locale) }), { muted: true });

  if (w.purpose.trim()) {
    pdf.section(() => {
      pdf.heading(2, t("walks.field.purpose"));
      for (const p of paragraphsOf(w.purpose)) pdf.paragraph(c(p));
    });
  }
  if (w.protocol_summary.trim()) {
    pdf.section(() => {
      pdf.heading(2, t("walks.pdf.summary"));
      for (const p of paragraphsOf(w.protocol_summary)) pdf.paragraph(c(p));
    });
  }
  pdf.section(() => {
    pdf.heading(2, t("walks.participants.heading"));
    if (!v.participants) {
      pdf.paragraph(t("walks.participants.none"), { muted: true });
      return;
    }
    const total = PARTICIPANT_GROUPS.reduce((n, g) => n + v.participants![g], 0);
    pdf.paragraph(t("walks.participants.total", { count: total }));
    pdf.table({
      header: [t("walks.pdf.group"), t("walks.pdf.count")],
      rows: PARTICIPANT_GROUPS.map((g) => [t(`walks.group.${g}`), String(v.participants![g])]),
      widths: [3, 1],
    });
  });
  if (v.stops.length) {
    pdf.section(() => {
      pdf.heading(2, t("walks.public.route"));
      pdf.list(v.stops.map((s) => ({ label: `${s.position}.`, body: [c(s.name), ...(s.note ? [c(s.note)] : [])] })));
    });
  }
  if (v.rewalkOf) {
    const rewalk = v.rewalkOf;
    pdf.section(() => {
      pdf.heading(2, t("walks.rewalk.heading"));
      pdf.paragraph(t("walks.public.rewalkOf", { title: c(rewalk.walk.title) }));
      const rows = rewalk.actions.filter((a) => a.followUps.some((f) => f.walk_id === w.id));
      if (rows.length === 0) pdf.paragraph(t("walks.rewalk.nothingOpen"), { muted: true });
      else
        pdf.table({
          header: [t("walks.action.number"), t("walks.action.measure"), t("walks.rewalk.seen")],
          widths: [1, 5, 5],
          rows: rows.map((a) => {
            const f = a.followUps.filter((x) => x.walk_id === w.id).at(-1)!;
            const seen = f.resolved === true ? t("walks.rewalk.resolved") : f.resolved === false ? t("walks.rewalk.notResolved") : "";
            return [String(a.number), c(a.title), `${seen}${f.description ? ` ${c(f.description)}` : ""}`.trim()];
          }),
        });
    });
  }
  pdf.section(() => {
    pdf.heading(2, t("walks.protocol.actions"));
    const counts = actionSummary(v.actions);
    pdf.paragraph(t("walks.public.actionProgress", { done: counts.atgardad, total: v.actions.length, planned: counts.planerad, declined: counts.avslagen }));
    if (v.actions.length === 0) {
      pdf.paragraph(t("walks.protocol.noActions"), { muted: true });
      return;
    }
    pdf.list(
      v.actions.map((a) => {
        const body = [c(a.title)];
        if (a.place_text) body.push(`${t("walks.action.place")}: ${c(a.place_text)}`);
        if (a.observation?.category) body.push(`${t("walks.field.category")}: ${t(`walks.category.${a.observation.category}`)}`);
        body.push(`${t("walks.action.owner")}: ${a.owner ? c(a.owner) : t("walks.action.noOwner")}`);
        body.push(
          `${t("walks.action.status")}: ${t(`walks.actionStatus.${a.status}`)}${a.due_on ? ` (${t("walks.action.dueShort", { date: formatDate(a.due_on, locale) })})` : ""} – ${t(
            "walks.action.changedOn",
            {
              date: formatDate(changedOn(a), locale),
            },
          )}`,
        );
        if (a.public_feedback) body.push(`${t("walks.action.feedback")}: ${c(a.public_feedback)}`);
        if (a.stated_plan) body.push(`${t("walks.action.statedPlan")}: ${c(a.stated_plan)}`);
        return { label: `${a.number}.`, body };
      }),
    );
  });
  if (w.status === "avslutad") {
    pdf.keepTogether(() =>
      pdf.section(() => {
        pdf.heading(2, t("walks.closing.heading"));
        if (w.closing_meeting_on) pdf.paragraph(t("walks.closing.heldOn", { date: formatDate(w.closing_meeting_on, locale) }));
        for (const p of paragraphsOf(w.closing_meeting_notes)) pdf.paragraph(c(p));
      }),
    );
  }
  pdf.section(() => {
    pdf.heading(2, t("walks.pdf.about"));
    pdf.paragraph(t("walks.pdf.followAt", { url: opts.publicUrl }), { muted: true });
  });
  return pdf.finish();
}
