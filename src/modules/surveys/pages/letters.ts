// One-time codes as letters to print, made once: each letter has the survey's invitation, its
// link with the code, the code itself and a QR code of that link. Trygg keeps only hashes of the
// codes, so this page (printed, or saved as PDF from the browser) is the only copy.
import { html, raw, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import type { CodeStratum } from "../repo/responses.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import type { Area } from "../service/results.ts";
import { crumbs } from "./staff.ts";
import { surveyStaffUrl } from "./urls.ts";

export type Letter = CodeStratum & { code: string; link: string; qr: string };

export function codeLettersPage(ctx: PageContext, p: { survey: SurveyRow; letters: readonly Letter[]; areas: readonly Area[]; baseUrl: string }): PageOptions {
  const { t, locale } = ctx;
  const s = p.survey;
  const areaName = (id: string | null) => (id ? (p.areas.find((a) => a.id === id)?.name ?? "") : "");
  const stratum = (l: Letter) => [areaName(l.area_id), l.age_group ?? "", l.sex ?? ""].filter(Boolean).join(" · ");
  return {
    title: t("surveys.letters.title"),
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, s.title), surveyStaffUrl(ctx.tenant!.slug, s.id)],
      [t("surveys.letters.title"), null],
    ]),
    main: html`<h1>${t("surveys.letters.title")}</h1>
<div class="notice survey-noprint" role="status"><p><strong>${t("surveys.letters.once", { count: p.letters.length })}</strong></p><p>${t("surveys.letters.print")}</p></div>
<ol class="survey-letters">
${p.letters.map(
  (l) => html`<li class="survey-letter">
<h2>${t("surveys.letters.heading", { year: String(s.year) })}</h2>
<p>${t("surveys.letters.text", { to: formatDate(s.field_to, locale) })}</p>
<div class="survey-letter__qr">${raw(l.qr)}</div>
<p>${t("surveys.letters.link")}: <span class="survey-letter__link">${l.link}</span></p>
<p>${t("surveys.letters.code")}: <strong class="survey-letter__code">${l.code}</strong></p>
<p class="muted">${t("surveys.letters.anonymous")}</p>
${l.area_id || l.age_group || l.sex ? html`<p class="muted survey-noprint">${sv(ctx, stratum(l))}</p>` : ""}
</li>`,
)}
</ol>`,
  };
}
