// Pages of the privacy module: retention settings per kind of data with the latest runs, and a
// resident's extract and erasure by e-mail address (erasure asks for confirmation first).
import { confirmForm, csrfField, type FieldErrors, formFields } from "../../platform/http/forms.ts";
import { html } from "../../platform/http/html.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import { formatDate } from "../../platform/i18n/i18n.ts";

export type RetentionRow = { kind: string; label: string; defaultDays: number | null; days: number | null; value: string };
export type RetentionRun = { created_at: Date; data: Record<string, unknown> };

export function retentionPage(ctx: PageContext, p: { slug: string; rows: RetentionRow[]; runs: RetentionRun[]; errors?: FieldErrors }): PageOptions {
  const { t } = ctx;
  const f = formFields(p.errors);
  const form = html`<form method="post" action="/t/${p.slug}/admin/gallring" novalidate>
  ${csrfField(ctx)}
  ${p.rows.map((r) =>
    f.input({
      name: `days_${r.kind}`,
      label: t(r.label),
      type: "text",
      inputmode: "numeric",
      value: r.value,
      hint: r.defaultDays === null ? t("privacy.retention.hintKeep") : t("privacy.retention.hintDefault", { days: r.defaultDays }),
    }),
  )}
  <button type="submit">${t("privacy.retention.save")}</button>
</form>`;
  return {
    title: t("privacy.retention.title"),
    main: html`${f.summary(ctx)}<h1>${t("privacy.retention.title")}</h1>
<p class="lead">${t("privacy.retention.lead")}</p>
${form}
<h2>${t("privacy.retention.runs")}</h2>
${
  p.runs.length
    ? html`<ul>${p.runs.map(
        (r) =>
          html`<li>${formatDate(r.created_at, ctx.locale, true)}: ${
            Object.entries((r.data.removed ?? {}) as Record<string, number>)
              .map(([kind, n]) => `${kind} ${n}`)
              .join(", ") || "0"
          }</li>`,
      )}</ul>`
    : html`<p>${t("privacy.retention.noRuns")}</p>`
}`,
  };
}

export function subjectPage(
  ctx: PageContext,
  p: { slug: string; email: string; errors?: FieldErrors; erased?: Record<string, Record<string, number>> | null },
): PageOptions {
  const { t } = ctx;
  const f = formFields(p.errors);
  const extract = html`<form method="get" action="/t/${p.slug}/admin/personuppgifter/utdrag.json">
  ${f.input({ name: "email", id: "f-email-extract", label: t("privacy.subject.email"), type: "email", value: p.email, autocomplete: "off" })}
  <button type="submit">${t("privacy.subject.extract")}</button>
</form>`;
  const erase = html`<form method="post" action="/t/${p.slug}/admin/personuppgifter/radera">
  ${csrfField(ctx)}
  ${f.input({ name: "email", label: t("privacy.subject.email"), type: "email", value: p.email, autocomplete: "off" })}
  <button type="submit" class="danger">${t("privacy.subject.erase")}</button>
</form>`;
  return {
    title: t("privacy.subject.title"),
    main: html`${f.summary(ctx)}<h1>${t("privacy.subject.title")}</h1>
<p class="lead">${t("privacy.subject.lead")}</p>
${
  p.erased
    ? html`<div class="flash" role="status"><p>${t("privacy.subject.erased")}</p><ul>${Object.entries(p.erased).flatMap(([m, kinds]) =>
        Object.entries(kinds).map(([kind, n]) => html`<li>${m} / ${kind}: ${n}</li>`),
      )}</ul></div>`
    : ""
}
<h2>${t("privacy.subject.extractHeading")}</h2>
${extract}
<h2>${t("privacy.subject.eraseHeading")}</h2>
<p>${t("privacy.subject.eraseLead")}</p>
${erase}`,
  };
}

export function confirmErasePage(ctx: PageContext, p: { slug: string; email: string }): PageOptions {
  const { t } = ctx;
  return {
    title: t("privacy.subject.confirmTitle"),
    main: html`<h1>${t("privacy.subject.confirmTitle")}</h1>
<p>${t("privacy.subject.confirmText", { email: p.email })}</p>
${confirmForm(ctx, {
  action: `/t/${p.slug}/admin/personuppgifter/radera`,
  fields: { email: p.email },
  confirmLabel: t("privacy.subject.erase"),
  cancelHref: `/t/${p.slug}/admin/personuppgifter`,
  danger: true,
})}`,
  };
}
