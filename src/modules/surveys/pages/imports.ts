// Staff pages for imports (the police's official results, reported-crime statistics from Brå)
// and the tenant's survey settings. The file format is described on the page itself.
import { type FieldErrors, checkboxField, errorSummary, inputField, textareaField } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatDate } from "../../../platform/i18n/i18n.ts";
import type { RowError } from "../domain/csv-import.ts";
import type { ImportKind } from "../tables.ts";
import { actionForm, crumbs, rowErrors } from "./staff.ts";
import { staffBase } from "./urls.ts";

export type ImportListRow = { id: string; filename: string; source: string; row_count: number; created_at: Date; created_by_name: string | null };

function importList(ctx: PageContext, kind: ImportKind, rows: readonly ImportListRow[], mayDelete: boolean): SafeHtml {
  const { t } = ctx;
  const base = `${staffBase(ctx.tenant!.slug)}/${kind === "officiella" ? "import" : "brottsstatistik"}`;
  if (!rows.length) return html`<p>${t("surveys.import.noImports")}</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="imports-caption" tabindex="0"><table>
<caption id="imports-caption">${t("surveys.import.listCaption")}</caption>
<thead><tr><th scope="col">${t("surveys.import.file")}</th><th scope="col">${t("surveys.import.source")}</th><th scope="col" class="num">${t("surveys.import.rows")}</th><th scope="col">${t("surveys.import.when")}</th>${
    mayDelete ? html`<th scope="col">${t("surveys.import.actions")}</th>` : ""
  }</tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><td>${sv(ctx, r.filename)}</td><td>${r.source ? sv(ctx, r.source) : "–"}</td><td class="num">${r.row_count}</td><td>${formatDate(r.created_at, ctx.locale, true)}${
        r.created_by_name ? html` (${sv(ctx, r.created_by_name)})` : ""
      }</td>${mayDelete ? html`<td>${actionForm(ctx, `${base}/${r.id}/ta-bort`, t("surveys.import.delete"), 1, { danger: true })}</td>` : ""}</tr>`,
  )}</tbody>
</table></div>`;
}

export function importPage(
  ctx: PageContext,
  p: {
    kind: ImportKind;
    imports: readonly ImportListRow[];
    items: readonly string[];
    areas: readonly string[];
    mayImport: boolean;
    values: Record<string, string>;
    errors?: FieldErrors;
    rowErrors?: RowError[];
  },
): PageOptions {
  const { t } = ctx;
  const official = p.kind === "officiella";
  const title = t(official ? "surveys.import.officialTitle" : "surveys.import.crimeTitle");
  const action = `${staffBase(ctx.tenant!.slug)}/${official ? "import" : "brottsstatistik"}`;
  return {
    title,
    breadcrumbs: crumbs(ctx, [[title, null]]),
    main: html`<h1>${title}</h1>
<p class="lead">${t(official ? "surveys.import.officialLead" : "surveys.import.crimeLead")}</p>
<section aria-labelledby="format-h"><h2 id="format-h">${t("surveys.import.formatHeading")}</h2>
<p>${t("surveys.import.formatCommon")}</p>
<div class="table-scroll" role="region" aria-labelledby="format-caption" tabindex="0"><table>
<caption id="format-caption">${t("surveys.import.columnsCaption")}</caption>
<thead><tr><th scope="col">${t("surveys.import.column")}</th><th scope="col">${t("surveys.import.meaning")}</th></tr></thead>
<tbody>${(
      official
        ? [
            ["år", "surveys.import.col.year"],
            ["område", "surveys.import.col.area"],
            ["fråga", "surveys.import.col.item"],
            ["index", "surveys.import.col.index"],
            ["andel", "surveys.import.col.share"],
            ["n", "surveys.import.col.n"],
            ["färg", "surveys.import.col.colour"],
          ]
        : [
            ["år", "surveys.import.col.year"],
            ["område", "surveys.import.col.areaCrime"],
            ["brottskategori", "surveys.import.col.category"],
            ["antal", "surveys.import.col.count"],
            ["per 100 000 inv", "surveys.import.col.per100k"],
          ]
    ).map(([c, k]) => html`<tr><th scope="row"><code>${c}</code></th><td>${t(k!)}</td></tr>`)}</tbody>
</table></div>
<p>${t("surveys.import.knownAreas")}: ${p.areas.map((a, i) => html`${i ? ", " : ""}${sv(ctx, a)}`)}</p>
${official ? html`<details class="survey-details"><summary>${t("surveys.import.knownItems")}</summary><p>${p.items.map((k, i) => html`${i ? ", " : ""}<code>${k}</code>`)}</p></details>` : ""}
<p>${t(official ? "surveys.import.example" : "surveys.import.exampleCrime")}</p>
<pre class="survey-example" lang="sv">${official ? "år;område;fråga;index;andel;n;färg\n2022;Lönsboda;fortkorning;2;;131;grön\n2022;Osby kommun;problemindex;1,76;;;\n2022;;otrygg_kvall;;27,5;400;" : "år;område;brottskategori;antal;per 100 000 inv\n2017;Osby kommun;Våldsbrott;117;\n2017;Osby kommun;Sexualbrott;34;259"}</pre>
</section>
${
  p.mayImport
    ? html`<section aria-labelledby="upload-h"><h2 id="upload-h">${t("surveys.import.uploadHeading")}</h2>
${p.rowErrors?.length ? rowErrors(ctx, p.rowErrors) : errorSummary(ctx, p.errors)}
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<div class="field${p.errors?.file ? " field--error" : ""}">
<label for="f-file">${t("surveys.import.fileLabel")}</label>
<p class="hint" id="f-file-hint">${t("surveys.import.fileHint")}</p>
${p.errors?.file ? html`<p class="error-message" id="f-file-error">${p.errors.file}</p>` : ""}
<input id="f-file" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="f-file-hint${p.errors?.file ? " f-file-error" : ""}"${p.errors?.file ? html` aria-invalid="true"` : ""}>
</div>
${textareaField({ name: "csv", label: t("surveys.import.pasteLabel"), hint: t("surveys.import.pasteHint"), value: p.values.csv, rows: 6, errors: p.errors })}
${inputField({ name: "source", label: t("surveys.import.sourceLabel"), hint: t("surveys.import.sourceHint"), value: p.values.source, errors: p.errors })}
<button type="submit">${t("surveys.import.submit")}</button>
</form></section>`
    : ""
}
<section aria-labelledby="done-h"><h2 id="done-h">${t("surveys.import.doneHeading")}</h2>
${importList(ctx, p.kind, p.imports, p.mayImport)}
</section>`,
  };
}

export function settingsPage(ctx: PageContext, p: { values: Record<string, string>; errors?: FieldErrors }): PageOptions {
  const { t } = ctx;
  const v = p.values;
  return {
    title: t("surveys.settings.title"),
    breadcrumbs: crumbs(ctx, [[t("surveys.settings.title"), null]]),
    main: html`<h1>${t("surveys.settings.title")}</h1>
<p class="lead">${t("surveys.settings.lead")}</p>
${errorSummary(ctx, p.errors)}
<form method="post" action="${staffBase(ctx.tenant!.slug)}/installningar" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<fieldset><legend>${t("surveys.settings.suppression")}</legend>
${inputField({ name: "minCell", label: t("surveys.settings.minCell"), hint: t("surveys.settings.minCellHint"), value: v.minCell, inputmode: "numeric", errors: p.errors })}
</fieldset>
<fieldset><legend>${t("surveys.settings.indexLegend")}</legend>
<p class="notice">${t("surveys.settings.indexNotice")}</p>
${checkboxField({ name: "indexEnabled", label: t("surveys.settings.indexEnabled"), checked: v.indexEnabled === "on", errors: p.errors })}
${inputField({ name: "indexFactor", label: t("surveys.settings.indexFactor"), hint: t("surveys.settings.indexFactorHint"), value: v.indexFactor, inputmode: "decimal", errors: p.errors })}
${inputField({ name: "indexOffset", label: t("surveys.settings.indexOffset"), value: v.indexOffset, inputmode: "decimal", errors: p.errors })}
${inputField({ name: "bandYellow", label: t("surveys.settings.bandYellow"), hint: t("surveys.settings.bandHint"), value: v.bandYellow, inputmode: "decimal", errors: p.errors })}
${inputField({ name: "bandRed", label: t("surveys.settings.bandRed"), value: v.bandRed, inputmode: "decimal", errors: p.errors })}
</fieldset>
<fieldset><legend>${t("surveys.settings.compareLegend")}</legend>
${inputField({ name: "insecurityItem", label: t("surveys.settings.insecurityItem"), hint: t("surveys.settings.insecurityItemHint"), value: v.insecurityItem, errors: p.errors })}
${inputField({ name: "sharePoints", label: t("surveys.settings.sharePoints"), value: v.sharePoints, inputmode: "decimal", errors: p.errors })}
${inputField({ name: "indexPoints", label: t("surveys.settings.indexPoints"), value: v.indexPoints, inputmode: "decimal", errors: p.errors })}
${inputField({ name: "countPercent", label: t("surveys.settings.countPercent"), value: v.countPercent, inputmode: "decimal", errors: p.errors })}
</fieldset>
<button type="submit">${t("surveys.staff.save")}</button>
</form>`,
  };
}
