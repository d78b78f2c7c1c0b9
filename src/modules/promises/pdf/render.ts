// PDFs of a medborgarlöfte in its familiar form and of its follow-up report, on the platform's
// tagged-PDF kit (src/platform/pdf/): structure tree, /Lang, title, page numbers and the public
// address in every footer, the signature block kept on one page. Labels follow the reader's
// language (`locale`); what people wrote stays Swedish and is marked with `content()`, so an
// English PDF tags it sv-SE. The creation date is the document's last change, so the same
// document in the same language gives the same bytes.
import { content as c } from "../../../platform/i18n/content.ts";
import { createPdf } from "../../../platform/pdf/document.ts";
import { formatDate, type Locale, translator } from "../../../platform/i18n/i18n.ts";
import { contentOutcomes, contentParties, contentTarget } from "../pages/content.ts";
import { achievedText, dateRange, outcomesText, ownerLabel, sectionHeading, targetText } from "../pages/format.ts";
import { keyActivities, sections } from "../pages/public.ts";
import type { DocumentView } from "../service/views.ts";

export type PdfRenderOptions = { publicUrl: string; locale: Locale };

/** Paragraphs of a free text (blank lines separate them). */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The document as signed: lägesbild, the sections "Polisen lovar att" …, signatures. */
/** `provenance`: include the source note ("Om källan") — for staff previews; residents' PDFs leave it out. */
export async function renderDocumentPdf(view: DocumentView, opts: PdfRenderOptions & { provenance?: boolean }): Promise<Buffer> {
  const { locale } = opts;
  const t = translator(locale);
  const doc = view.doc;
  const parties = contentParties(doc.parties);
  const w = createPdf({ locale, title: c(doc.title), subject: t("promises.pdf.subject"), date: new Date(doc.updated_at), publicUrl: opts.publicUrl });
  w.heading(1, c(doc.title));
  w.paragraph(t("promises.pdf.validity", { range: dateRange(locale, doc.valid_from, doc.valid_to) }));
  w.paragraph(t("promises.pdf.parties", { parties: parties.map((p) => p.name).join(", ") }));
  if (doc.agreement_title) w.paragraph(t("promises.pdf.agreement", { agreement: c(doc.agreement_title) }));
  if (doc.stated_promise_count !== null && doc.stated_promise_count > view.promises.length) {
    w.paragraph(t("promises.public.excerpt", { shown: view.promises.length, total: doc.stated_promise_count }), { muted: true });
  }
  if (doc.introduction.trim()) {
    w.section(() => {
      w.heading(2, t("promises.doc.introduction"));
      for (const p of paragraphsOf(doc.introduction)) w.paragraph(c(p));
    });
  }
  if (doc.focus_areas.length) {
    w.section(() => {
      w.heading(2, t("promises.doc.focusAreas"));
      w.list(doc.focus_areas.map((f) => ({ label: "•", body: [c(f)] })));
    });
  }
  if (doc.findings.length) {
    w.section(() => {
      w.heading(2, t("promises.doc.findings"));
      w.list(
        doc.findings.map((f) => ({
          label: "•",
          body: [c(f.text), `${t("promises.finding.sourceLabel")}: ${t(`promises.source.${f.source}`)}${f.ref_url ? ` (${f.ref_url})` : ""}`],
        })),
      );
    });
  }
  for (const group of sections(view)) {
    w.section(() => {
      w.heading(2, sectionHeading(t, group.owner, parties));
      w.list(
        group.promises.map((p) => {
          const body = [c(p.text)];
          const target = targetText(t, contentTarget(p.target));
          if (target) body.push(`${t("promises.field.target")}: ${target}`);
          if (p.responsibles.length) body.push(`${t("promises.field.responsible")}: ${p.responsibles.map((o) => c(o.name)).join(", ")}`);
          return { label: `${p.number}.`, body };
        }),
      );
    });
  }
  // The signature block is never split across pages. A signatory whose name is not known is
  // shown by title and organisation.
  w.keepTogether(() =>
    w.section(() => {
      w.heading(2, t("promises.doc.signatures"));
      const signed = [doc.signing_place ? c(doc.signing_place) : null, doc.signed_on ? formatDate(doc.signed_on, locale) : null].filter(Boolean).join(", ");
      if (signed) w.paragraph(signed);
      if (doc.signatories.length === 0) w.paragraph(t("promises.pdf.unsigned"), { muted: true });
      for (const s of doc.signatories) {
        w.paragraph(
          `${s.name.trim() ? `${c(s.name)}\n` : ""}${c(`${s.title}, ${s.organisation}`)}${s.signed_on ? `\n${formatDate(s.signed_on, locale)}` : ""}`,
        );
      }
    }),
  );
  w.section(() => {
    w.heading(2, t("promises.pdf.about"));
    // Residents' PDFs carry no provenance notes; the staff preview does.
    if (doc.source_note && opts.provenance) w.paragraph(c(doc.source_note), { muted: true });
    w.paragraph(t("promises.pdf.followUpAt", { url: opts.publicUrl }), { muted: true });
  });
  return w.finish();
}

/** The follow-up report: per promise target, achieved, verdict, reason and key activities. */
export async function renderFollowUpPdf(view: DocumentView, opts: PdfRenderOptions & { asOf: string }): Promise<Buffer> {
  const { locale } = opts;
  const t = translator(locale);
  const doc = view.doc;
  const parties = contentParties(doc.parties);
  const title = t("promises.followUp.title", { title: c(doc.title) });
  const w = createPdf({ locale, title, subject: t("promises.pdf.followUpSubject"), date: new Date(doc.updated_at), publicUrl: opts.publicUrl });
  w.heading(1, title);
  w.paragraph(t("promises.pdf.validity", { range: dateRange(locale, doc.valid_from, doc.valid_to) }));
  w.paragraph(doc.status === "uppfoljt" ? t("promises.followUp.leadFinal") : t("promises.followUp.leadPreliminary"));
  w.paragraph(t("promises.pdf.asOf", { date: formatDate(opts.asOf, locale) }), { muted: true });
  if (doc.followup_summary) {
    w.section(() => {
      w.heading(2, t("promises.followUp.summary"));
      for (const p of paragraphsOf(doc.followup_summary ?? "")) w.paragraph(c(p));
    });
  }
  for (const p of view.promises) {
    w.section(() => {
      const target = contentTarget(p.target);
      w.heading(2, `${p.number}. ${c(p.text)}`);
      w.paragraph(`${t("promises.field.owner")}: ${ownerLabel(t, p.owner, parties)}`);
      w.paragraph(`${t("promises.field.target")}: ${targetText(t, target) ?? t("promises.target.none")}`);
      w.paragraph(`${t("promises.progress.achieved")}: ${achievedText(t, p.progress, target)}`);
      w.paragraph(`${t("promises.field.verdict")}: ${p.verdict ? t(`promises.verdict.${p.verdict}`) : t("promises.verdict.none")}`);
      if (p.verdict_reason) w.paragraph(`${t("promises.field.reason")}: ${c(p.verdict_reason)}`);
      const acts = keyActivities(p);
      if (acts.length) {
        w.heading(3, t("promises.followUp.keyActivities"));
        w.list(
          acts.map((a) => {
            const outcomes = outcomesText(locale, contentOutcomes(a.outcomes));
            return {
              label: "•",
              body: [`${formatDate(a.occurred_on, locale)}: ${c(a.title)}${a.place_name ? ` – ${c(a.place_name)}` : ""}${outcomes ? ` (${outcomes})` : ""}`],
            };
          }),
        );
      }
    });
  }
  w.section(() => {
    w.heading(2, t("promises.pdf.about"));
    w.paragraph(t("promises.pdf.followUpAt", { url: opts.publicUrl }), { muted: true });
  });
  return w.finish();
}
