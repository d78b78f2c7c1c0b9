// The outbox viewer: every stored mail (newest first) and one message, always as escaped text.
import { html, type SafeHtml } from "../../platform/http/html.ts";
import { scrollTable } from "../../platform/http/tables.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import { formatDate } from "../../platform/i18n/i18n.ts";

type Status = { transport: string; sent_at: Date | string | null; error: string | null };

function status(ctx: PageContext, m: Status): SafeHtml {
  const { t } = ctx;
  if (m.error) return html`<span class="badge badge--danger">${t("admin.outbox.status.error")}</span>`;
  if (m.sent_at) return html`<span class="badge badge--ok">${t("admin.outbox.status.sent")}</span>`;
  if (m.transport === "outbox") return html`<span class="badge badge--muted">${t("admin.outbox.status.stored")}</span>`;
  return html`<span class="badge badge--warn">${t("admin.outbox.status.queued")}</span>`;
}

export function outboxListPage(
  ctx: PageContext,
  p: {
    messages: Array<Status & { id: string; to_address: string; subject: string; created_at: Date | string; tenant: string | null }>;
    total: number;
    page: number;
    pages: number;
  },
): PageOptions {
  const { t } = ctx;
  return {
    title: t("admin.outbox.title"),
    main: html`<h1>${t("admin.outbox.title")}</h1>
<p class="lead">${t("admin.outbox.lead")}</p>
${
  p.messages.length
    ? html`${scrollTable(
        t("admin.outbox.caption", { count: p.total }),
        html`<table>
  <caption>${t("admin.outbox.caption", { count: p.total })}</caption>
  <thead><tr>
    <th scope="col">${t("admin.outbox.created")}</th>
    <th scope="col">${t("admin.outbox.to")}</th>
    <th scope="col">${t("admin.outbox.subject")}</th>
    <th scope="col">${t("admin.outbox.tenant")}</th>
    <th scope="col">${t("admin.outbox.status")}</th>
  </tr></thead>
  <tbody>${p.messages.map(
    (m) => html`<tr>
    <td>${formatDate(m.created_at, ctx.locale, true)}</td>
    <td>${m.to_address}</td>
    <td><a href="/admin/outbox/${m.id}">${m.subject}</a></td>
    <td>${m.tenant ?? t("admin.outbox.noTenant")}</td>
    <td>${status(ctx, m)}</td>
  </tr>`,
  )}</tbody>
</table>`,
      )}
${
  p.pages > 1
    ? html`<nav aria-label="${t("admin.outbox.pagination")}" class="actions">
  ${p.page > 1 ? html`<a href="/admin/outbox?sida=${p.page - 1}">${t("admin.outbox.newer")}</a>` : ""}
  <span>${t("admin.outbox.pageOf", { page: p.page, pages: p.pages })}</span>
  ${p.page < p.pages ? html`<a href="/admin/outbox?sida=${p.page + 1}">${t("admin.outbox.older")}</a>` : ""}
</nav>`
    : ""
}`
    : html`<p>${t("admin.outbox.empty")}</p>`
}`,
  };
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

export function outboxMessagePage(
  ctx: PageContext,
  m: Status & {
    id: string;
    to_address: string;
    subject: string;
    body_text: string;
    body_html: string | null;
    created_at: Date | string;
    tenant: string | null;
  },
): PageOptions {
  const { t } = ctx;
  const links = [...new Set(m.body_text.match(URL_IN_TEXT) ?? [])];
  return {
    title: m.subject,
    breadcrumbs: [
      [t("admin.outbox.title"), "/admin/outbox"],
      [m.subject, null],
    ],
    main: html`<h1>${m.subject}</h1>
<dl class="facts">
  <dt>${t("admin.outbox.to")}</dt><dd>${m.to_address}</dd>
  <dt>${t("admin.outbox.created")}</dt><dd>${formatDate(m.created_at, ctx.locale, true)}</dd>
  <dt>${t("admin.outbox.tenant")}</dt><dd>${m.tenant ?? t("admin.outbox.noTenant")}</dd>
  <dt>${t("admin.outbox.status")}</dt><dd>${status(ctx, m)}${m.sent_at ? html` ${formatDate(m.sent_at, ctx.locale, true)}` : ""}</dd>
  ${m.error ? html`<dt>${t("admin.outbox.error")}</dt><dd>${m.error}</dd>` : ""}
</dl>
<h2>${t("admin.outbox.body")}</h2>
<pre class="mail-body">${m.body_text}</pre>
${
  links.length
    ? html`<h2>${t("admin.outbox.links")}</h2>
<ul>${links.map((l) => html`<li><a href="${l}" rel="noreferrer noopener">${l}</a></li>`)}</ul>`
    : ""
}
${m.body_html ? html`<details><summary>${t("admin.outbox.htmlSource")}</summary><pre>${m.body_html}</pre></details>` : ""}
<p><a href="/admin/outbox">${t("admin.outbox.back")}</a></p>`,
  };
}
