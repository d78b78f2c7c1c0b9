// Staff administration of residents' reports: routing rules, the tenant's settings (categories,
// privacy threshold, response times), Open311 API keys (admin), and a staff member's own alerts.
import { contentLang, csrfField, errorSummary, type FieldErrors, inputField, selectField } from "../../../platform/http/forms.ts";
import { html, mixed, sv } from "../../../platform/http/html.ts";
import { content } from "../../../platform/i18n/content.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { RoutingRule } from "../domain/routing.ts";
import type { ApiKeyRow } from "../repo/keys.ts";
import type { SubscriptionRow } from "../repo/subscriptions.ts";
import type { AreaRef } from "../service/geo.ts";
import type { Category, ReportsSettings } from "../settings.ts";
import { day, radioGroup, staffBase, when } from "./format.ts";
import type { Org } from "./staff.ts";

const crumbs = (ctx: PageContext, title: string): Array<[string, string | null]> => [
  [ctx.t("layout.nav.staff"), `/t/${ctx.tenant!.slug}/arbete`],
  [ctx.t("reports.inbox.title"), staffBase(ctx.tenant!.slug)],
  [title, null],
];

export function rulesPage(
  ctx: PageContext,
  p: { rules: RoutingRule[]; categories: Category[]; areas: AreaRef[]; organisations: Org[]; values: Record<string, string>; errors?: FieldErrors },
): PageOptions {
  const { t, locale } = ctx;
  const base = `${staffBase(ctx.tenant!.slug)}/regler`;
  const catName = (c: string | null) => (c ? (p.categories.find((x) => x.code === c)?.name[locale] ?? c) : t("reports.rules.any"));
  const areaName = (a: string | null) => (a ? sv(ctx, p.areas.find((x) => x.id === a)?.name ?? "?") : t("reports.rules.any"));
  const orgName = (o: string) => sv(ctx, p.organisations.find((x) => x.id === o)?.name ?? "?");
  const title = t("reports.rules.title");
  return {
    title,
    breadcrumbs: crumbs(ctx, title),
    main: html`<h1>${title}</h1>
<p>${t("reports.rules.intro")}</p>
${errorSummary(ctx, p.errors)}
${
  p.rules.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="rules-caption" tabindex="0"><table>
  <caption id="rules-caption">${t("reports.rules.caption")}</caption>
  <thead><tr><th scope="col">${t("reports.col.category")}</th><th scope="col">${t("reports.col.area")}</th><th scope="col">${t("reports.col.routed")}</th><th scope="col">${t("reports.rules.action")}</th></tr></thead>
  <tbody>${p.rules.map(
    (r) => html`<tr><td>${catName(r.category)}</td><td>${areaName(r.area_id)}</td><td>${orgName(r.organisation_id)}</td>
    <td><form method="post" action="${base}/${r.id}/ta-bort" class="inline-form">${csrfField(ctx)}<button type="submit" class="link-button">${t("reports.rules.remove")}<span class="visually-hidden"> ${catName(r.category)} – ${areaName(r.area_id)}</span></button></form></td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p>${t("reports.rules.none")}</p>`
}
<h2>${t("reports.rules.add")}</h2>
<form method="post" action="${base}" novalidate>
  ${csrfField(ctx)}
  ${selectField({ name: "kategori", label: t("reports.filter.category"), value: p.values.kategori ?? "", placeholder: t("reports.rules.any"), options: p.categories.map((c) => ({ value: c.code, label: c.name[locale] })), errors: p.errors })}
  ${selectField({ name: "omrade", label: t("reports.filter.area"), value: p.values.omrade ?? "", placeholder: t("reports.rules.any"), options: p.areas.map((a) => ({ value: a.id, label: a.name, lang: contentLang(ctx) })), errors: p.errors })}
  ${selectField({ name: "organisation", label: t("reports.col.routed"), value: p.values.organisation ?? "", placeholder: t("reports.rules.choose"), options: p.organisations.map((o) => ({ value: o.id, label: o.name, lang: contentLang(ctx) })), errors: p.errors, required: true })}
  <button type="submit" class="button">${t("reports.rules.save")}</button>
</form>`,
  };
}

export function settingsPage(ctx: PageContext, p: { settings: ReportsSettings; values?: Record<string, string>; errors?: FieldErrors }): PageOptions {
  const { t } = ctx;
  const title = t("reports.settings.title");
  const v = (name: string, fallback: string | number) => p.values?.[name] ?? String(fallback);
  const rows = [...p.settings.categories, null];
  const number = (name: keyof ReportsSettings, hint: string) =>
    inputField({
      name,
      label: t(`reports.settings.${name}`),
      hint,
      type: "number",
      value: v(name, p.settings[name] as number),
      inputmode: "numeric",
      errors: p.errors,
    });
  return {
    title,
    breadcrumbs: crumbs(ctx, title),
    main: html`<h1>${title}</h1>
${errorSummary(ctx, p.errors)}
<form method="post" action="${staffBase(ctx.tenant!.slug)}/installningar" novalidate>
  ${csrfField(ctx)}
  <h2>${t("reports.settings.categories")}</h2>
  <p>${t("reports.settings.categoriesIntro")}</p>
  ${rows.map((c, i) => {
    const f = (k: string) => `c.${i}.${k}`;
    return html`<fieldset class="field category-row">
    <legend>${c ? c.name.sv : t("reports.settings.newCategory")}</legend>
    ${
      c
        ? html`<p>${t("reports.settings.code")}: <code>${c.code}</code></p><input type="hidden" name="${f("code")}" value="${c.code}">`
        : inputField({ name: f("code"), label: t("reports.settings.code"), hint: t("reports.settings.codeHint"), value: v(f("code"), ""), errors: p.errors })
    }
    ${inputField({ name: f("sv"), label: t("reports.settings.nameSv"), value: v(f("sv"), c?.name.sv ?? ""), errors: p.errors })}
    ${inputField({ name: f("en"), label: t("reports.settings.nameEn"), value: v(f("en"), c?.name.en ?? ""), errors: p.errors })}
    ${selectField({
      name: f("kind"),
      label: t("reports.settings.kind"),
      value: v(f("kind"), c?.kind ?? "place"),
      options: [
        { value: "place", label: t("reports.settings.kind.place") },
        { value: "person", label: t("reports.settings.kind.person") },
      ],
      errors: p.errors,
    })}
    <div class="field field--checkbox"><input type="checkbox" id="f-${f("review")}" name="${f("review")}" value="ja"${(p.values ? p.values[f("review")] === "ja" : c?.review) ? html` checked` : ""}><label for="f-${f("review")}">${t("reports.settings.review")}</label></div>
    <div class="field field--checkbox"><input type="checkbox" id="f-${f("active")}" name="${f("active")}" value="ja"${(p.values ? p.values[f("active")] === "ja" : (c?.active ?? true)) ? html` checked` : ""}><label for="f-${f("active")}">${t("reports.settings.active")}</label></div>
  </fieldset>`;
  })}
  <h2>${t("reports.settings.privacy")}</h2>
  ${number("minCount", t("reports.settings.minCountHint"))}
  ${number("cellSize", t("reports.settings.cellSizeHint"))}
  <h2>${t("reports.settings.times")}</h2>
  ${number("firstResponseDays", t("reports.settings.daysHint"))}
  ${number("closureDays", t("reports.settings.daysHint"))}
  ${number("fixedCheckDays", t("reports.settings.fixedCheckDaysHint"))}
  ${number("contactRetentionDays", t("reports.settings.contactRetentionDaysHint"))}
  <button type="submit" class="button">${t("reports.settings.save")}</button>
</form>`,
  };
}

export function keysPage(
  ctx: PageContext,
  p: { keys: ApiKeyRow[]; organisations: Org[]; newKey?: { key: string; name: string } | null; values: Record<string, string>; errors?: FieldErrors },
): PageOptions {
  const { t } = ctx;
  const base = `${staffBase(ctx.tenant!.slug)}/nycklar`;
  const title = t("reports.keys.title");
  const orgName = (id: string | null) => (id ? sv(ctx, p.organisations.find((o) => o.id === id)?.name ?? "?") : t("reports.keys.noOrganisation"));
  return {
    title,
    breadcrumbs: crumbs(ctx, title),
    main: html`<h1>${title}</h1>
<p>${t("reports.keys.intro", { url: `/t/${ctx.tenant!.slug}/open311/v2/discovery.json` })}</p>
${
  p.newKey
    ? html`<div class="notice" role="status"><h2>${mixed(ctx, t("reports.keys.created", { name: content(p.newKey.name) }))}</h2><p>${t("reports.keys.showOnce")}</p><p><code class="api-key">${p.newKey.key}</code></p></div>`
    : ""
}
${errorSummary(ctx, p.errors)}
${
  p.keys.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="keys-caption" tabindex="0"><table>
  <caption id="keys-caption">${t("reports.keys.caption")}</caption>
  <thead><tr><th scope="col">${t("reports.keys.name")}</th><th scope="col">${t("reports.keys.organisation")}</th><th scope="col">${t("reports.keys.prefix")}</th><th scope="col">${t("reports.keys.createdAt")}</th><th scope="col">${t("reports.keys.lastUsed")}</th><th scope="col">${t("reports.keys.state")}</th></tr></thead>
  <tbody>${p.keys.map(
    (
      k,
    ) => html`<tr><td>${sv(ctx, k.name)}</td><td>${orgName(k.organisation_id)}</td><td><code>${k.key_prefix}…</code></td><td>${day(ctx, k.created_at)}</td><td>${k.last_used_at ? when(ctx, k.last_used_at) : "–"}</td>
    <td>${
      k.revoked_at
        ? t("reports.keys.revokedAt", { date: day(ctx, k.revoked_at) })
        : html`<form method="post" action="${base}/${k.id}/aterkalla" class="inline-form">${csrfField(ctx)}<button type="submit" class="button danger">${t("reports.keys.revoke")}<span class="visually-hidden"> ${k.name}</span></button></form>`
    }</td></tr>`,
  )}</tbody>
</table></div>`
    : html`<p>${t("reports.keys.none")}</p>`
}
<h2>${t("reports.keys.add")}</h2>
<form method="post" action="${base}" novalidate>
  ${csrfField(ctx)}
  ${inputField({ name: "namn", label: t("reports.keys.name"), hint: t("reports.keys.nameHint"), value: p.values.namn ?? "", required: true, errors: p.errors })}
  ${selectField({ name: "organisation", label: t("reports.keys.organisation"), value: p.values.organisation ?? "", placeholder: t("reports.keys.noOrganisation"), options: p.organisations.map((o) => ({ value: o.id, label: o.name, lang: contentLang(ctx) })), errors: p.errors })}
  <button type="submit" class="button">${t("reports.keys.submit")}</button>
</form>`,
  };
}

export function staffAlertsPage(
  ctx: PageContext,
  p: { subs: SubscriptionRow[]; categories: Category[]; areas: AreaRef[]; values: Record<string, string>; errors?: FieldErrors; refs: Map<string, string> },
): PageOptions {
  const { t, locale } = ctx;
  const base = `${staffBase(ctx.tenant!.slug)}/bevakningar`;
  const title = t("reports.staffAlerts.title");
  const describe = (s: SubscriptionRow) =>
    s.report_id
      ? t("reports.alerts.whatReport", { ref: p.refs.get(s.report_id) ?? "" })
      : [
          t(`reports.alerts.events.${s.events}`),
          s.category ? (p.categories.find((c) => c.code === s.category)?.name[locale] ?? s.category) : t("reports.filter.all"),
          s.area_id ? content(p.areas.find((a) => a.id === s.area_id)?.name ?? "?") : t("reports.alerts.wholeMunicipality"),
        ].join(" · ");
  return {
    title,
    breadcrumbs: crumbs(ctx, title),
    main: html`<h1>${title}</h1>
<p>${t("reports.staffAlerts.intro")}</p>
${errorSummary(ctx, p.errors)}
${
  p.subs.length
    ? html`<ul class="card-list">${p.subs.map(
        (s) =>
          html`<li class="card">${mixed(ctx, describe(s))} <form method="post" action="${base}/${s.id}/ta-bort" class="inline-form">${csrfField(ctx)}<button type="submit" class="link-button">${t("reports.staffAlerts.remove")}<span class="visually-hidden"> ${mixed(ctx, describe(s))}</span></button></form></li>`,
      )}</ul>`
    : html`<p>${t("reports.staffAlerts.none")}</p>`
}
<h2>${t("reports.staffAlerts.add")}</h2>
<form method="post" action="${base}" novalidate>
  ${csrfField(ctx)}
  ${radioGroup({
    name: "events",
    legend: t("reports.alerts.events"),
    options: (["new", "updates", "both"] as const).map((e) => ({ value: e, label: t(`reports.alerts.events.${e}`) })),
    value: p.values.events ?? "new",
    errors: p.errors,
  })}
  ${selectField({ name: "kategori", label: t("reports.filter.category"), value: p.values.kategori ?? "", placeholder: t("reports.filter.all"), options: p.categories.map((c) => ({ value: c.code, label: c.name[locale] })), errors: p.errors })}
  ${selectField({ name: "omrade", label: t("reports.filter.area"), value: p.values.omrade ?? "", placeholder: t("reports.filter.all"), options: p.areas.map((a) => ({ value: a.id, label: a.name, lang: contentLang(ctx) })), errors: p.errors })}
  <button type="submit" class="button">${t("reports.staffAlerts.submit")}</button>
</form>`,
  };
}
