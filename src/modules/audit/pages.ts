// The audit log page: filters (action, person, object, dates), newest first, pages of 50, and the
// CSV download of what the filters select. Every value is escaped by the html template; `data` is
// shown as compact JSON text.
import { html, mixed, type SafeHtml, sv } from "../../platform/http/html.ts";
import { scrollTable } from "../../platform/http/tables.ts";
import { content, plain } from "../../platform/i18n/content.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import { formatDate } from "../../platform/i18n/i18n.ts";
import type { AuditFilter, AuditRow } from "./repo.ts";

export type AuditPageInput = {
  base: string;
  scopeName: string | null;
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  filter: AuditFilter;
  actions: string[];
  showTenant: boolean;
};

export function filterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

function dataText(data: Record<string, unknown>): string {
  const s = JSON.stringify(data ?? {});
  return s === "{}" ? "" : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

export function auditPage(ctx: PageContext, p: AuditPageInput): PageOptions {
  const { t } = ctx;
  // The municipality's name is Swedish content (lang="sv" on English pages).
  const marked = p.scopeName ? t("audit.title.tenant", { name: content(p.scopeName) }) : t("audit.title.all");
  const title = plain(marked);
  const f = p.filter;
  const filters: SafeHtml = html`<form method="get" action="${p.base}" class="filters" aria-labelledby="audit-filter-heading">
  <h2 id="audit-filter-heading">${t("audit.filter.heading")}</h2>
  <div class="field">
    <label for="f-action">${t("audit.filter.action")}</label>
    <select id="f-action" name="action">
      <option value="">${t("audit.filter.anyAction")}</option>
      ${p.actions.map((a) => html`<option value="${a}"${a === f.action ? html` selected` : ""}>${a}</option>`)}
    </select>
  </div>
  <div class="field">
    <label for="f-actor">${t("audit.filter.actor")}</label>
    <input id="f-actor" name="actor" type="text" value="${f.actor ?? ""}" maxlength="200">
  </div>
  <div class="field">
    <label for="f-entity">${t("audit.filter.entity")}</label>
    <input id="f-entity" name="entity" type="text" value="${f.entity ?? ""}" maxlength="200">
  </div>
  <div class="field">
    <label for="f-from">${t("audit.filter.from")}</label>
    <input id="f-from" name="from" type="date" value="${f.from ?? ""}">
  </div>
  <div class="field">
    <label for="f-to">${t("audit.filter.to")}</label>
    <input id="f-to" name="to" type="date" value="${f.to ?? ""}">
  </div>
  <button type="submit">${t("audit.filter.submit")}</button>
</form>`;
  return {
    title,
    main: html`<h1>${mixed(ctx, marked)}</h1>
<p class="lead">${t("audit.lead")}</p>
${filters}
<p><a href="${p.base}.csv${filterQuery(f)}">${t("audit.csv")}</a></p>
${
  p.rows.length
    ? html`${scrollTable(
        t("audit.caption", { count: p.total }),
        html`<table>
  <caption>${t("audit.caption", { count: p.total })}</caption>
  <thead><tr>
    <th scope="col">${t("audit.col.time")}</th>
    ${p.showTenant ? html`<th scope="col">${t("audit.col.tenant")}</th>` : ""}
    <th scope="col">${t("audit.col.actor")}</th>
    <th scope="col">${t("audit.col.action")}</th>
    <th scope="col">${t("audit.col.entity")}</th>
    <th scope="col">${t("audit.col.data")}</th>
  </tr></thead>
  <tbody>${p.rows.map(
    (r) => html`<tr>
    <td>${formatDate(r.created_at, ctx.locale, true)}</td>
    ${p.showTenant ? html`<td>${r.tenant ? sv(ctx, r.tenant) : t("audit.noTenant")}</td>` : ""}
    <td>${r.actor_name ? html`${r.actor_name} <span class="muted">${r.actor_email ?? ""}</span>` : (r.actor_id ?? t("audit.noActor"))}</td>
    <td><code>${r.action}</code></td>
    <td>${r.entity}${r.entity_id ? html` <span class="muted">${r.entity_id}</span>` : ""}</td>
    <td><code class="audit-data">${dataText(r.data)}</code></td>
  </tr>`,
  )}</tbody>
</table>`,
      )}
${
  p.pages > 1
    ? html`<nav aria-label="${t("audit.pagination")}" class="actions">
  ${p.page > 1 ? html`<a href="${p.base}${filterQuery(f, { sida: String(p.page - 1) })}">${t("audit.newer")}</a>` : ""}
  <span>${t("audit.pageOf", { page: p.page, pages: p.pages })}</span>
  ${p.page < p.pages ? html`<a href="${p.base}${filterQuery(f, { sida: String(p.page + 1) })}">${t("audit.older")}</a>` : ""}
</nav>`
    : ""
}`
    : html`<p>${t("audit.empty")}</p>`
}`,
  };
}
