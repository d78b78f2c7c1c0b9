// The hot spot form (upload a CSV or pick a stored one, parameters) with the tenant's earlier
// runs. Works without JavaScript.
import { checkboxField, errorSummary, type FieldErrors, inputField, selectField } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import type { Abilities } from "../policy.ts";
import { runPath } from "../present.ts";
import type { DatasetRow, RunSummary } from "../repo.ts";
import { hotspotsBase, num, runStatus, STYLES } from "./common.ts";

export type FormValues = Record<string, string>;

export const DEFAULT_VALUES: FormValues = {
  cell_size: "100",
  band: "250",
  boundary_only: "",
  emerging: "",
  uncorrected: "",
  category: "",
  dataset_id: "",
};

function fileField(ctx: PageContext, errors: FieldErrors | undefined): SafeHtml {
  const id = "f-file";
  const error = errors?.file;
  return html`<div class="field${error ? " field--error" : ""}">
  <label for="${id}">${ctx.t("analysis.form.file")}</label>
  <p class="hint" id="${id}-hint">${ctx.t("analysis.form.fileHint")}</p>
  ${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
  <input id="${id}" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="${id}-hint${error ? ` ${id}-error` : ""}"${error ? html` aria-invalid="true"` : ""}>
</div>`;
}

function datasetLabel(ctx: PageContext, d: DatasetRow): string {
  return ctx.t("analysis.form.datasetOption", {
    name: d.filename,
    rows: d.row_count,
    date: formatDate(d.created_at, ctx.locale, true),
  });
}

function runsTable(ctx: PageContext, slug: string, runs: RunSummary[]): SafeHtml {
  const { t, locale } = ctx;
  if (runs.length === 0) return html`<p>${t("analysis.runs.none")}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="runs-caption" tabindex="0"><table>
  <caption id="runs-caption">${t("analysis.runs.caption")}</caption>
  <thead><tr>
    <th scope="col">${t("analysis.runs.when")}</th>
    <th scope="col">${t("analysis.runs.label")}</th>
    <th scope="col">${t("analysis.runs.by")}</th>
    <th scope="col" class="num">${t("analysis.runs.cell")}</th>
    <th scope="col" class="num">${t("analysis.runs.points")}</th>
    <th scope="col" class="num">${t("analysis.runs.hot")}</th>
    <th scope="col" class="num">${t("analysis.runs.cold")}</th>
    <th scope="col">${t("analysis.runs.status")}</th>
  </tr></thead>
  <tbody>
  ${runs.map((r) => {
    const c = "cells" in r.counts ? r.counts : null;
    return html`<tr>
    <td><a href="${runPath(slug, r.id)}">${formatDate(r.created_at, locale, true)}</a></td>
    <td>${r.label ? sv(ctx, r.label) : t(`analysis.source.${r.source}`)}</td>
    <td>${r.created_by_name ?? "–"}</td>
    <td class="num">${num(locale, r.parameters.cellSize, 2)} / ${num(locale, r.parameters.band, 2)} m</td>
    <td class="num">${num(locale, r.input_report.used ?? 0)}</td>
    ${
      r.assessment?.sparse
        ? html`<td colspan="2">${t("analysis.runs.sparse")}</td>`
        : html`<td class="num">${c ? num(locale, c.hot99 + c.hot95 + c.hot90) : "–"}</td>
    <td class="num">${c ? num(locale, c.cold99 + c.cold95 + c.cold90) : "–"}</td>`
    }
    <td>${runStatus(ctx, r.status)}</td>
  </tr>`;
  })}
  </tbody>
</table></div>`;
}

export type FormPageData = {
  abilities: Abilities;
  values: FormValues;
  errors?: FieldErrors;
  formError?: string;
  datasets: DatasetRow[];
  runs: RunSummary[];
  hasBoundary: boolean;
};

export function hotspotsPage(ctx: PageContext, d: FormPageData): PageOptions {
  const { t } = ctx;
  const slug = ctx.tenant!.slug;
  const v = d.values;
  const form = d.abilities.run
    ? html`<section aria-labelledby="new-heading">
  <h2 id="new-heading">${t("analysis.form.heading")}</h2>
  ${errorSummary(ctx, d.errors, d.formError)}
  <form method="post" action="${hotspotsBase(slug)}" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
    <fieldset>
      <legend>${t("analysis.form.incidents")}</legend>
      ${fileField(ctx, d.errors)}
      ${
        d.datasets.length
          ? selectField({
              name: "dataset_id",
              label: t("analysis.form.dataset"),
              hint: t("analysis.form.datasetHint"),
              value: v.dataset_id ?? "",
              placeholder: t("analysis.form.datasetNone"),
              options: d.datasets.map((x) => ({ value: x.id, label: datasetLabel(ctx, x) })),
              errors: d.errors,
            })
          : ""
      }
    </fieldset>
    <fieldset>
      <legend>${t("analysis.form.parameters")}</legend>
      ${inputField({ name: "cell_size", label: t("analysis.form.cellSize"), hint: t("analysis.form.cellSizeHint"), value: v.cell_size, inputmode: "decimal", errors: d.errors, required: true })}
      ${inputField({ name: "band", label: t("analysis.form.band"), hint: t("analysis.form.bandHint"), value: v.band, inputmode: "decimal", errors: d.errors, required: true })}
      ${checkboxField({
        name: "boundary_only",
        label: t("analysis.form.boundaryOnly"),
        hint: d.hasBoundary ? t("analysis.form.boundaryOnlyHint") : t("analysis.form.noBoundary"),
        checked: v.boundary_only === "on",
        errors: d.errors,
      })}
      ${inputField({ name: "category", label: t("analysis.form.category"), hint: t("analysis.form.categoryHint"), value: v.category, errors: d.errors })}
      ${checkboxField({ name: "emerging", label: t("analysis.form.emerging"), hint: t("analysis.form.emergingHint"), checked: v.emerging === "on", errors: d.errors })}
      ${checkboxField({
        name: "uncorrected",
        label: t("analysis.form.uncorrected"),
        hint: t("analysis.form.uncorrectedHint"),
        checked: v.uncorrected === "on",
        errors: d.errors,
      })}
    </fieldset>
    <div class="actions"><button type="submit">${t("analysis.form.submit")}</button></div>
  </form>
</section>`
    : html`<p>${t("analysis.readOnly")}</p>`;
  return {
    title: t("analysis.title"),
    head: STYLES,
    breadcrumbs: [
      [t("analysis.crumb.staff"), `/t/${slug}/arbete`],
      [t("analysis.title"), null],
    ],
    main: html`<h1>${t("analysis.title")}</h1>
<p class="lead">${t("analysis.lead")}</p>
${form}
<section aria-labelledby="runs-heading">
  <h2 id="runs-heading">${t("analysis.runs.heading")}</h2>
  ${runsTable(ctx, slug, d.runs)}
</section>`,
  };
}
