// The answering pages, for residents on any phone, without JavaScript: a start page (language,
// anonymity, code), one page per group of questions, a thank-you page, and a page that says the
// survey is closed or not yet open. The page is in the chosen language (lang, and dir="rtl" for
// Arabic and Persian); any text not yet translated is shown in Swedish, marked lang="sv" and
// styled so the reader sees it, never a key.
import { html, type SafeHtml } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { AnswerValue, AreaOption, ItemErrors } from "../domain/answers.ts";
import { type DefinitionContent, dirOf, type ItemDef, type Lang, LANG_NAMES, LANGS, type Localised, localise } from "../domain/definition.ts";
import type { UiKey } from "../domain/ui-texts.ts";
import type { SurveyRow } from "../repo/surveys.ts";
import type { TextProblem } from "../service/answering.ts";
import { answerUrl } from "./urls.ts";

/** An interface text of the answering page in the chosen language (see domain/ui-texts.ts). */
export type Ui = (key: UiKey, params?: Record<string, string | number>) => Localised;

export type AnswerPageBase = { slug: string; survey: SurveyRow; content: DefinitionContent; lang: Lang; ui: Ui };

/** A localised text; a Swedish fallback carries lang="sv", dir="ltr" and a visible mark. */
export function lt(l: Localised): SafeHtml {
  return l.fallback ? html`<span class="survey-fallback" lang="sv" dir="ltr">${l.text}</span>` : html`${l.text}`;
}

function uiPlain(l: Localised): string {
  return l.text;
}

/** Whether any text on the page fell back to Swedish (collected while rendering). */
class Fallbacks {
  any = false;
  note(l: Localised): Localised {
    if (l.fallback) this.any = true;
    return l;
  }
}

function languageChooser(b: AnswerPageBase, path: string): SafeHtml {
  const label = b.ui("languageLabel");
  return html`<nav class="survey-lang" aria-label="${uiPlain(label)}"${label.fallback ? html` lang="sv"` : ""}>
<ul>${LANGS.map(
    (l) =>
      html`<li><a href="${path}?lang=${l}" lang="${l}" hreflang="${l}" dir="${dirOf(l)}"${l === b.lang ? html` aria-current="true"` : ""}>${LANG_NAMES[l]}</a></li>`,
  )}</ul>
</nav>`;
}

/** The language links keep the reader on the page they are on (the start page after a refused start). */
function languagePath(ctx: PageContext, b: AnswerPageBase): string {
  const path = ctx.url.split("?")[0]!;
  return /\/(sida\/\d+|tack)$/.test(path) ? path : answerUrl(b.slug, b.survey.id);
}

function frame(ctx: PageContext, b: AnswerPageBase, main: SafeHtml, f: Fallbacks, titleKey: UiKey = "heading"): PageOptions {
  const heading = b.ui(titleKey, { year: String(b.survey.year) });
  const notice = f.any ? f.note(b.ui("fallbackNotice")) : null;
  return {
    title: heading.text,
    lang: b.lang,
    dir: dirOf(b.lang) === "rtl" ? "rtl" : undefined,
    main: html`<div class="survey-answer">
${languageChooser(b, languagePath(ctx, b))}
${notice ? html`<p class="survey-fallback-notice">${lt(notice)}</p>` : ""}
${main}
</div>`,
  };
}

function heading(b: AnswerPageBase, f: Fallbacks): SafeHtml {
  return html`<h1>${lt(f.note(b.ui("heading", { year: String(b.survey.year) })))}</h1>`;
}

export function startPage(
  ctx: PageContext,
  b: AnswerPageBase,
  p: { code: string; error: "codeMissing" | "codeUnknown" | "codeUsed" | "sessionLost" | null },
): PageOptions {
  const f = new Fallbacks();
  const u = (k: UiKey, params?: Record<string, string | number>) => lt(f.note(b.ui(k, params)));
  const intro = f.note(localise(b.content.intro, b.lang));
  const main = html`${heading(b, f)}
${p.error && p.error !== "sessionLost" ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${u("errorTitle")}</h2><p><a href="#f-code">${u(p.error)}</a></p></div>` : ""}
${p.error === "sessionLost" ? html`<p class="notice" role="status">${u("sessionLost")}</p>` : ""}
<p class="lead">${lt(intro)}</p>
<ul class="survey-promises">
<li>${u("anonymous")}</li>
<li>${u("optional")}</li>
<li>${u("cookieNote")}</li>
</ul>
<form method="post" action="${answerUrl(b.slug, b.survey.id)}/start" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="lang" value="${b.lang}">
${
  b.survey.requires_code
    ? html`<div class="field${p.error && p.error !== "sessionLost" ? " field--error" : ""}">
<label for="f-code">${u("code")}</label>
<p class="hint" id="f-code-hint">${u("codeHint")}</p>
${p.error && p.error !== "sessionLost" ? html`<p class="error-message" id="f-code-error">${u(p.error)}</p>` : ""}
<input id="f-code" name="code" type="text" value="${p.code}" autocomplete="off" autocapitalize="characters" spellcheck="false" dir="ltr" aria-describedby="f-code-hint${p.error && p.error !== "sessionLost" ? " f-code-error" : ""}"${p.error && p.error !== "sessionLost" ? html` aria-invalid="true"` : ""}>
</div>`
    : ""
}
<button type="submit" class="button">${u("start")}</button>
</form>`;
  return frame(ctx, b, main, f);
}

export function closedPage(
  ctx: PageContext,
  b: AnswerPageBase,
  state: { kind: "closed" } | { kind: "notYet"; from: string } | { kind: "alreadySubmitted" },
  resultsUrl: string,
): PageOptions {
  const f = new Fallbacks();
  const u = (k: UiKey, params?: Record<string, string | number>) => lt(f.note(b.ui(k, params)));
  const message = state.kind === "notYet" ? u("notOpen", { date: state.from }) : state.kind === "alreadySubmitted" ? u("alreadySubmitted") : u("closed");
  return frame(
    ctx,
    b,
    html`${heading(b, f)}
<p class="lead" role="status">${message}</p>
<p><a href="${resultsUrl}">${u("resultsLink")}</a></p>`,
    f,
  );
}

export function thanksPage(ctx: PageContext, b: AnswerPageBase, resultsUrl: string): PageOptions {
  const f = new Fallbacks();
  const u = (k: UiKey) => lt(f.note(b.ui(k)));
  return frame(
    ctx,
    b,
    html`<h1>${u("thanksTitle")}</h1>
<p class="lead" role="status">${u("thanksText")}</p>
<p><a href="${resultsUrl}">${u("resultsLink")}</a></p>`,
    f,
    "thanksTitle",
  );
}

function itemControl(
  b: AnswerPageBase,
  f: Fallbacks,
  item: ItemDef,
  value: AnswerValue | undefined,
  areas: readonly AreaOption[],
  err: SafeHtml | null,
  problem: TextProblem | undefined,
): SafeHtml {
  const id = `q-${item.key}`;
  const name = `q.${item.key}`;
  const text = f.note(localise(item.text, b.lang));
  const help = item.help ? f.note(localise(item.help, b.lang)) : null;
  const describedBy = [help ? `${id}-help` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ");
  const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ""}${err ? html` aria-invalid="true"` : ""}`;
  const helpHtml = help ? html`<p class="hint" id="${id}-help">${lt(help)}</p>` : "";
  const errHtml = err ? html`<p class="error-message" id="${id}-error">${err}</p>` : "";

  if (item.type === "text") {
    return html`<div class="field survey-item${err ? " field--error" : ""}">
<label for="${id}">${lt(text)}</label>
${helpHtml}${errHtml}
<textarea id="${id}" name="${name}" rows="5" maxlength="4000"${aria}>${value?.text ?? ""}</textarea>
${
  problem?.names.length
    ? html`<fieldset class="survey-confirm"><legend class="visually-hidden">${lt(f.note(b.ui("errorPersonal", { found: problem.names.join(", ") })))}</legend>${problem.names.map(
        (n, i) =>
          html`<div class="field field--checkbox"><input type="checkbox" id="${id}-confirm-${i}" name="confirm.${item.key}" value="${n}"><label for="${id}-confirm-${i}">${lt(
            f.note(b.ui("confirmNotName", { word: n })),
          )}</label></div>`,
      )}</fieldset>`
    : ""
}
</div>`;
  }
  if (item.type === "number") {
    return html`<div class="field survey-item${err ? " field--error" : ""}">
<label for="${id}">${lt(text)}</label>
${helpHtml}${errHtml}
<input id="${id}" name="${name}" type="text" inputmode="decimal" dir="ltr" size="6" value="${value?.num ?? ""}"${aria}>
</div>`;
  }
  const multi = item.type === "multi";
  // Area names are names: never translated, marked Swedish on a page in another language.
  const options: Array<{ key: string; label: Localised }> =
    item.type === "area"
      ? areas.map((a) => ({ key: a.id, label: { text: a.name, lang: "sv" as const, fallback: false } }))
      : item.type === "yesno"
        ? [
            { key: "ja", label: f.note(b.ui("yes")) },
            { key: "nej", label: f.note(b.ui("no")) },
          ]
        : item.options.map((o) => ({ key: o.key, label: f.note(localise(o.text, b.lang)) }));
  const chosen = new Set(value?.options ?? []);
  const multiHint = multi ? f.note(b.ui("multiHint")) : null;
  return html`<fieldset class="survey-item${err ? " field--error" : ""}"${describedBy || multiHint ? html` aria-describedby="${[multiHint ? `${id}-multi` : "", describedBy].filter(Boolean).join(" ")}"` : ""}>
<legend>${lt(text)}</legend>
${helpHtml}${multiHint ? html`<p class="hint" id="${id}-multi">${lt(multiHint)}</p>` : ""}${errHtml}
<div class="survey-options">
${options.map(
  (o, i) =>
    html`<div class="survey-option"><input type="${multi ? "checkbox" : "radio"}" id="${id}-${i}" name="${name}" value="${o.key}"${chosen.has(o.key) ? html` checked` : ""}${
      err ? html` aria-invalid="true"` : ""
    }><label for="${id}-${i}">${o.label.lang === "sv" && b.lang !== "sv" && !o.label.fallback ? html`<span lang="sv">${o.label.text}</span>` : lt(o.label)}</label></div>`,
)}
</div>
</fieldset>`;
}

export function questionPage(
  ctx: PageContext,
  b: AnswerPageBase,
  p: {
    page: number;
    pages: readonly number[];
    items: readonly ItemDef[];
    values: ReadonlyMap<string, AnswerValue>;
    areas: readonly AreaOption[];
    errors: ItemErrors;
    text: Record<string, TextProblem>;
    last: boolean;
  },
): PageOptions {
  const f = new Fallbacks();
  const u = (k: UiKey, params?: Record<string, string | number>) => lt(f.note(b.ui(k, params)));
  const position = p.pages.indexOf(p.page) + 1;
  const errorOf = (item: ItemDef): SafeHtml | null => {
    const e = p.errors[item.key];
    if (e) return u(e.key, e.params);
    const tp = p.text[item.key];
    if (tp) return u("errorPersonal", { found: [...tp.found, ...tp.names].join(", ") });
    return null;
  };
  const failed = p.items.filter((i) => errorOf(i));
  const firstInput = (i: ItemDef) => (i.type === "text" || i.type === "number" ? `q-${i.key}` : `q-${i.key}-0`);
  const main = html`${heading(b, f)}
<p class="survey-progress">${u("progress", { n: position, m: p.pages.length })}</p>
${
  failed.length
    ? html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="survey-error-title">
<h2 id="survey-error-title">${u("errorTitle")}</h2>
<ul>${failed.map((i) => html`<li><a href="#${firstInput(i)}">${lt(f.note(localise(i.text, b.lang)))}: ${errorOf(i)}</a></li>`)}</ul>
</div>`
    : ""
}
<form method="post" action="${answerUrl(b.slug, b.survey.id)}/sida/${p.page}" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="lang" value="${b.lang}">
${p.items.map((item) => itemControl(b, f, item, p.values.get(item.key), p.areas, errorOf(item), p.text[item.key]))}
<div class="survey-buttons">
<button type="submit" name="action" value="${p.last ? "submit" : "next"}" class="button">${u(p.last ? "submit" : "next")}</button>
${position > 1 ? html`<button type="submit" name="action" value="back" class="button secondary">${u("back")}</button>` : ""}
</div>
<p class="hint">${u("saved")}</p>
</form>`;
  return frame(ctx, b, main, f);
}
