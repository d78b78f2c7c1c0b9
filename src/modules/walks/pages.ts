// Pages of the walks module: server-rendered, accessible, working without JavaScript.
import { csrfField, errorSummary, type FieldErrors, inputField, selectField, textareaField } from "../../platform/http/forms.ts";
import { html } from "../../platform/http/html.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import { formatDate } from "../../platform/i18n/i18n.ts";
import type { ItemRow } from "./repo.ts";
import { WALKS_STATUSES } from "./tables.ts";

export function publicListPage(ctx: PageContext, items: ItemRow[]): PageOptions {
  const { t } = ctx;
  const base = `/t/${ctx.tenant!.slug}/walks`;
  return {
    title: t("walks.public.title"),
    main: html`<h1>${t("walks.public.title")}</h1>
${
  items.length
    ? html`<ul class="card-list">${items.map((i) => html`<li class="card"><a href="${base}/${i.id}">${i.title}</a></li>`)}</ul>`
    : html`<p>${t("walks.public.empty")}</p>`
}`,
  };
}

export function itemPage(ctx: PageContext, item: ItemRow): PageOptions {
  const { t } = ctx;
  return {
    title: item.title,
    breadcrumbs: [
      [t("walks.public.title"), `/t/${ctx.tenant!.slug}/walks`],
      [item.title, null],
    ],
    main: html`<h1>${item.title}</h1>
<p class="muted">${t("walks.item.created", { date: formatDate(item.created_at, ctx.locale) })}</p>
<p>${item.body}</p>`,
  };
}

export function staffListPage(
  ctx: PageContext,
  p: { items: ItemRow[]; mayCreate: boolean; values: Record<string, string>; errors?: FieldErrors },
): PageOptions {
  const { t } = ctx;
  const action = `/t/${ctx.tenant!.slug}/arbete/walks`;
  return {
    title: t("walks.staff.title"),
    main: html`<h1>${t("walks.staff.title")}</h1>
${errorSummary(ctx, p.errors)}
${
  p.items.length
    ? html`<ul>${p.items.map((i) => html`<li>${i.title} <span class="muted">(${t(`walks.status.${i.status}`)})</span></li>`)}</ul>`
    : html`<p>${t("walks.public.empty")}</p>`
}
${
  p.mayCreate
    ? html`<h2>${t("walks.staff.new")}</h2>
<form method="post" action="${action}" novalidate>
  ${csrfField(ctx)}
  ${inputField({ name: "title", label: t("walks.field.title"), value: p.values.title, required: true, errors: p.errors })}
  ${textareaField({ name: "body", label: t("walks.field.body"), value: p.values.body, errors: p.errors })}
  ${selectField({
    name: "status",
    label: t("walks.field.status"),
    value: p.values.status ?? "utkast",
    options: WALKS_STATUSES.map((s) => ({ value: s, label: t(`walks.status.${s}`) })),
    errors: p.errors,
  })}
  <button type="submit">${t("walks.staff.save")}</button>
</form>`
    : ""
}`,
  };
}
