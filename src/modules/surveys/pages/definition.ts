// Staff pages for survey definitions: the items page by page (with actions while unlocked), the
// form of one item (options one per line, so no JavaScript is needed), and the translation form
// of a language (every text beside its Swedish source; the interface texts of the answering page
// too for Arabic, Somali, Finnish and Persian).
import { contentLang, type FieldErrors, errorSummary, inputField, selectField, textareaField } from "../../../platform/http/forms.ts";
import { html, type SafeHtml, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { formatNumber } from "../../../platform/i18n/i18n.ts";
import {
  dirOf,
  ITEM_TYPES,
  type ItemDef,
  type Lang,
  LANG_NAMES,
  MEASURES,
  pagesOf,
  ROLES,
  THEMES,
  TRANSLATION_LANGS,
  translatableTexts,
  translationCoverage,
} from "../domain/definition.ts";
import { UI_KEYS, type UiKey, uiMessageKey } from "../domain/ui-texts.ts";
import type { DefinitionRow } from "../repo/definitions.ts";
import { actionForm, crumbs } from "./staff.ts";
import { definitionUrl } from "./urls.ts";

function itemSummary(ctx: PageContext, item: ItemDef): SafeHtml {
  const { t } = ctx;
  const parts = [t(`surveys.itemType.${item.type}`), t(`surveys.theme.${item.theme}`)];
  if (item.measure) parts.push(t(`surveys.measure.${item.measure.kind}`));
  if (item.condition) parts.push(t("surveys.definition.conditionText", { item: item.condition.item, options: item.condition.anyOf.join(", ") }));
  if (item.role) parts.push(t(`surveys.role.${item.role}`));
  return html`<span class="muted">${parts.join(" · ")}</span>`;
}

export function definitionPage(
  ctx: PageContext,
  p: { definition: DefinitionRow; manage: boolean; values?: Record<string, string>; errors?: FieldErrors; refusal?: string | null },
): PageOptions {
  const { t, locale } = ctx;
  const d = p.definition;
  const url = definitionUrl(ctx.tenant!.slug, d.id);
  const editable = p.manage && !d.locked;
  const values = p.values ?? { name: d.name, intro_sv: d.content.intro.sv, intro_en: d.content.intro.en ?? "" };
  return {
    title: d.name,
    breadcrumbs: crumbs(ctx, [[sv(ctx, d.name), null]]),
    main: html`<h1>${sv(ctx, d.name)}</h1>
${p.refusal ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${p.refusal}</p></div>` : ""}
<p>${t("surveys.definition.revision", { revision: d.revision })}${d.locked ? html` – <span class="badge badge--muted">${t("surveys.definition.locked")}</span> ${t("surveys.definition.lockedHelp")}` : ""}</p>
${p.manage && d.locked ? html`<ul class="actions"><li>${actionForm(ctx, `${url}/ny-version`, t("surveys.definition.newRevision"), d.version)}</li></ul>` : ""}
<section aria-labelledby="tr-h"><h2 id="tr-h">${t("surveys.definition.translations")}</h2>
<p>${t("surveys.definition.translationsLead")}</p>
<ul>${TRANSLATION_LANGS.map((l) => {
      const c = translationCoverage(d.content, l, UI_KEYS);
      return html`<li>${p.manage ? html`<a href="${url}/oversattning/${l}">${LANG_NAMES[l]}</a>` : html`<span lang="${l}">${LANG_NAMES[l]}</span>`}: ${t(
        "surveys.definition.coverage",
        {
          done: c.done,
          total: c.total,
          percent: formatNumber(Math.round((c.done / Math.max(1, c.total)) * 100), locale),
        },
      )}</li>`;
    })}</ul>
</section>
${
  p.manage
    ? html`<section aria-labelledby="intro-h"><h2 id="intro-h">${t("surveys.definition.introHeading")}</h2>
${errorSummary(ctx, p.errors)}
<form method="post" action="${url}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="version" value="${d.version}">
${inputField({ name: "name", label: t("surveys.definition.name"), value: values.name, required: true, errors: p.errors, lang: contentLang(ctx) })}
${textareaField({ name: "intro_sv", label: t("surveys.definition.introSv"), value: values.intro_sv, rows: 3, required: true, errors: p.errors, lang: contentLang(ctx) })}
${textareaField({ name: "intro_en", label: t("surveys.definition.introEn"), value: values.intro_en, rows: 3, errors: p.errors })}
<button type="submit">${t("surveys.staff.save")}</button>
</form></section>`
    : ""
}
<section aria-labelledby="items-h"><h2 id="items-h">${t("surveys.definition.itemsHeading")}</h2>
${editable ? html`<p><a class="button" href="${url}/fraga">${t("surveys.definition.newItem")}</a></p>` : ""}
${pagesOf(d.content).map(
  (page) => html`<h3>${t("surveys.definition.page", { page })}</h3>
<ol class="survey-item-list">${d.content.items
    .filter((i) => i.page === page)
    .map(
      (item) =>
        html`<li id="item-${item.key}"><strong lang="sv">${item.text.sv}</strong> <code>${item.key}</code><br>${itemSummary(ctx, item)}${
          item.options.length ? html`<br><span class="muted">${item.options.map((o) => o.text.sv).join(" / ")}</span>` : ""
        }${
          editable
            ? html`<div class="actions survey-item-actions"><a href="${url}/fraga/${item.key}">${t("surveys.definition.edit")}<span class="visually-hidden"> ${item.key}</span></a>
${actionForm(ctx, `${url}/fraga/${item.key}/flytta`, t("surveys.definition.up"), d.version, { secondary: true, extra: html`<input type="hidden" name="direction" value="up">` })}
${actionForm(ctx, `${url}/fraga/${item.key}/flytta`, t("surveys.definition.down"), d.version, { secondary: true, extra: html`<input type="hidden" name="direction" value="down">` })}
${actionForm(ctx, `${url}/fraga/${item.key}/ta-bort`, t("surveys.definition.remove"), d.version, { danger: true })}</div>`
            : ""
        }</li>`,
    )}</ol>`,
)}
</section>`,
  };
}

/** The flat form values of an item. */
export function itemValues(item: ItemDef | null): Record<string, string> {
  if (!item) return { type: "scale", page: "1", theme: "problem", dont_know: "on" };
  const real = item.options.filter((o) => !o.dontKnow);
  return {
    key: item.key,
    type: item.type,
    page: String(item.page),
    theme: item.theme,
    text_sv: item.text.sv,
    text_en: item.text.en ?? "",
    help_sv: item.help?.sv ?? "",
    help_en: item.help?.en ?? "",
    options: real.map((o) => `${o.key} | ${o.text.sv} | ${o.text.en ?? ""}`).join("\n"),
    dont_know: item.options.some((o) => o.dontKnow) ? "on" : "",
    measure_kind: item.measure?.kind ?? "",
    measure_options: item.measure?.options.join(", ") ?? "",
    condition_item: item.condition?.item ?? "",
    condition_options: item.condition?.anyOf.join(", ") ?? "",
    role: item.role ?? "",
    min: item.min === undefined ? "" : String(item.min),
    max: item.max === undefined ? "" : String(item.max),
  };
}

export function itemFormPage(
  ctx: PageContext,
  p: { definition: DefinitionRow; item: ItemDef | null; values: Record<string, string>; errors?: FieldErrors },
): PageOptions {
  const { t } = ctx;
  const d = p.definition;
  const url = definitionUrl(ctx.tenant!.slug, d.id);
  const title = p.item ? t("surveys.definition.editItem", { key: p.item.key }) : t("surveys.definition.newItem");
  const v = p.values;
  const others = d.content.items.filter(
    (i) => i.key !== p.item?.key && (i.type === "scale" || i.type === "choice" || i.type === "yesno" || i.type === "multi"),
  );
  return {
    title,
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, d.name), url],
      [title, null],
    ]),
    main: html`<h1>${title}</h1>
${errorSummary(ctx, p.errors)}
<form method="post" action="${url}/fraga${p.item ? `/${p.item.key}` : ""}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="version" value="${d.version}">
${inputField({ name: "key", label: t("surveys.item.key"), hint: t("surveys.item.keyHint"), value: v.key, required: true, autocomplete: "off", errors: p.errors })}
${selectField({ name: "type", label: t("surveys.item.type"), value: v.type, options: ITEM_TYPES.map((x) => ({ value: x, label: t(`surveys.itemType.${x}`) })), errors: p.errors })}
${inputField({ name: "page", label: t("surveys.item.page"), hint: t("surveys.item.pageHint"), value: v.page, inputmode: "numeric", required: true, errors: p.errors })}
${selectField({ name: "theme", label: t("surveys.item.theme"), value: v.theme, options: THEMES.map((x) => ({ value: x, label: t(`surveys.theme.${x}`) })), errors: p.errors })}
${textareaField({ name: "text_sv", label: t("surveys.item.textSv"), value: v.text_sv, rows: 2, required: true, errors: p.errors })}
${textareaField({ name: "text_en", label: t("surveys.item.textEn"), value: v.text_en, rows: 2, errors: p.errors })}
${inputField({ name: "help_sv", label: t("surveys.item.helpSv"), value: v.help_sv, errors: p.errors })}
${inputField({ name: "help_en", label: t("surveys.item.helpEn"), value: v.help_en, errors: p.errors })}
${textareaField({ name: "options", label: t("surveys.item.options"), hint: t("surveys.item.optionsHint"), value: v.options, rows: 6, errors: p.errors })}
<div class="field field--checkbox"><input type="checkbox" id="f-dont_know" name="dont_know" value="on"${v.dont_know === "on" ? html` checked` : ""}><label for="f-dont_know">${t("surveys.item.dontKnow")}</label></div>
${selectField({
  name: "measure_kind",
  label: t("surveys.item.measure"),
  hint: t("surveys.item.measureHint"),
  value: v.measure_kind,
  options: [{ value: "", label: t("surveys.item.none") }, ...MEASURES.map((x) => ({ value: x, label: t(`surveys.measure.${x}`) }))],
  errors: p.errors,
})}
${inputField({ name: "measure_options", label: t("surveys.item.measureOptions"), hint: t("surveys.item.keysHint"), value: v.measure_options, errors: p.errors })}
${selectField({
  name: "condition_item",
  label: t("surveys.item.condition"),
  hint: t("surveys.item.conditionHint"),
  value: v.condition_item,
  options: [{ value: "", label: t("surveys.item.none") }, ...others.map((i) => ({ value: i.key, label: `${i.key} – ${i.text.sv}` }))],
  errors: p.errors,
})}
${inputField({ name: "condition_options", label: t("surveys.item.conditionOptions"), hint: t("surveys.item.keysHint"), value: v.condition_options, errors: p.errors })}
${selectField({
  name: "role",
  label: t("surveys.item.role"),
  hint: t("surveys.item.roleHint"),
  value: v.role,
  options: [{ value: "", label: t("surveys.item.none") }, ...ROLES.map((r) => ({ value: r, label: t(`surveys.role.${r}`) }))],
  errors: p.errors,
})}
${inputField({ name: "min", label: t("surveys.item.min"), value: v.min, inputmode: "decimal", errors: p.errors })}
${inputField({ name: "max", label: t("surveys.item.max"), value: v.max, inputmode: "decimal", errors: p.errors })}
<button type="submit">${t("surveys.staff.save")}</button>
</form>`,
  };
}

export function translationPage(
  ctx: PageContext,
  p: { definition: DefinitionRow; lang: Exclude<Lang, "sv">; svCatalog: (key: string) => string; values?: Record<string, string>; errors?: FieldErrors },
): PageOptions {
  const { t } = ctx;
  const d = p.definition;
  const url = definitionUrl(ctx.tenant!.slug, d.id);
  const name = LANG_NAMES[p.lang];
  const title = t("surveys.translate.title", { language: name });
  const texts = translatableTexts(d.content);
  const dir = dirOf(p.lang);
  const value = (field: string, stored: string | undefined) => p.values?.[field] ?? stored ?? "";
  // Each field is labelled by its Swedish source text (marked lang="sv"); the field is in the target language.
  const row = (field: string, source: string, stored: string | undefined, context: string) => {
    const id = `f-${field}`;
    const error = p.errors?.[field];
    return html`<div class="field survey-translate${error ? " field--error" : ""}">
<label for="${id}"><span class="visually-hidden">${t("surveys.translate.translationOf")} </span><span lang="sv">${source}</span></label>
<p class="hint" id="${id}-context">${context}</p>
${error ? html`<p class="error-message" id="${id}-error">${error}</p>` : ""}
<textarea id="${id}" name="${field}" rows="2" lang="${p.lang}" dir="${dir}" aria-describedby="${id}-context${error ? ` ${id}-error` : ""}"${error ? html` aria-invalid="true"` : ""}>${value(field, stored)}</textarea>
</div>`;
  };
  const contextOf = (path: string) => {
    if (path === "intro") return t("surveys.translate.contextIntro");
    const [, key, part] = path.split(".");
    return t(part === "options" ? "surveys.translate.contextOption" : part === "help" ? "surveys.translate.contextHelp" : "surveys.translate.contextItem", {
      key: key ?? "",
    });
  };
  return {
    title,
    breadcrumbs: crumbs(ctx, [
      [sv(ctx, d.name), url],
      [title, null],
    ]),
    main: html`<h1>${title}</h1>
<p class="lead">${t("surveys.translate.lead", { language: name })}</p>
${errorSummary(ctx, p.errors)}
<form method="post" action="${url}/oversattning/${p.lang}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="version" value="${d.version}">
<h2>${t("surveys.translate.items")}</h2>
${texts.map((x) => row(`t.${x.path}`, x.text.sv, x.text[p.lang], contextOf(x.path)))}
${
  p.lang !== "en"
    ? html`<h2>${t("surveys.translate.interface")}</h2>
<p>${t("surveys.translate.interfaceLead")}</p>
${UI_KEYS.map((k: UiKey) => row(`ui.${k}`, p.svCatalog(uiMessageKey(k)), d.content.ui[k]?.[p.lang as "ar"], t("surveys.translate.contextUi", { key: k })))}`
    : ""
}
<button type="submit">${t("surveys.staff.save")}</button>
</form>`,
  };
}
