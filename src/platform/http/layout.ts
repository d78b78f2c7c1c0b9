// The page frame: language, title, skip link, header with navigation and language switch,
// main landmark, footer with the accessibility statement. Every page goes through it.
import { isStaff } from "../auth/actor.ts";
import { html, type SafeHtml, sv } from "./html.ts";
import type { PageContext } from "./page-context.ts";

export type PageOptions = {
  title: string;
  main: SafeHtml;
  /** Extra <head> content (island styles). */
  head?: SafeHtml;
  /** Scripts for client islands, loaded with type=module at the end of body. */
  scripts?: string[];
  /** Breadcrumb trail: [label, href] pairs ending with the current page (no href); content labels as `sv(ctx, title)`. */
  breadcrumbs?: Array<[string | SafeHtml, string | null]>;
  /**
   * The language of the page's content when it is not the interface language (a survey answered
   * in Arabic, Somali, Finnish or Persian): `<html lang>` becomes this, and the frame (header,
   * breadcrumbs, footer), which stays in the interface language, is marked with its own `lang`.
   */
  lang?: string;
  /** Writing direction of the page ("rtl" for Arabic and Persian). */
  dir?: "ltr" | "rtl";
};

function withLang(url: string, lang: string): string {
  const [path, query = ""] = url.split("?");
  const params = new URLSearchParams(query);
  params.set("lang", lang);
  return `${path}?${params.toString()}`;
}

export function renderPage(ctx: PageContext, opts: PageOptions): string {
  const { t, tenant, actor } = ctx;
  const other = ctx.locale === "sv" ? "en" : "sv";
  const staff = tenant ? isStaff(actor, tenant.id) : false;
  const base = tenant ? `/t/${tenant.slug}` : "";
  const nav: Array<[string, string]> = [];
  if (tenant) {
    nav.push([t("layout.nav.start"), `${base}`]);
    for (const link of ctx.navigation) nav.push([t(link.label), `${base}${link.path}`]);
    if (staff) nav.push([t("layout.nav.staff"), `${base}/arbete`]);
  } else {
    nav.push([t("layout.nav.tenants"), "/"]);
  }
  // A page with an element to focus on load (a form's error summary) gets the focus island.
  const scripts = [...(opts.scripts ?? []), ...(opts.main.value.includes("data-focus-on-load") ? ["/static/islands/focus.js"] : [])];
  const title = tenant ? `${opts.title} – ${tenant.name} – Trygg` : `${opts.title} – Trygg`;
  const pageLang = opts.lang ?? ctx.locale;
  // The frame is in the interface language; mark it when the content is in another one.
  const frameLang = pageLang !== ctx.locale ? html` lang="${ctx.locale}"` : "";
  const doc = html`<!doctype html>
<html lang="${pageLang}"${opts.dir ? html` dir="${opts.dir}"` : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/static/styles.css">
${opts.head ?? ""}
</head>
<body>
<a class="skip-link" href="#main"${frameLang}>${t("layout.skipToContent")}</a>
<header class="site-header"${frameLang}>
  <div class="site-header__inner">
    <a class="brand" href="${tenant ? base : "/"}"><span class="brand__name">Trygg</span>${tenant ? html`<span class="brand__tenant">${sv(ctx, tenant.name)}</span>` : ""}</a>
    <nav aria-label="${t("layout.nav.label")}">
      <ul class="nav">
        ${nav.map(([label, href]) => html`<li><a href="${href}"${href === ctx.url.split("?")[0] ? html` aria-current="page"` : ""}>${label}</a></li>`)}
      </ul>
    </nav>
    <div class="header-tools">
      <a href="${withLang(ctx.url, other)}" lang="${other}" hreflang="${other}">${t("layout.otherLanguage")}</a>
      ${
        actor
          ? html`<span class="who">${actor.name}</span>
        <form method="post" action="/logga-ut" class="inline-form">
          <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
          <button type="submit" class="link-button">${t("layout.logout")}</button>
        </form>`
          : html`<a href="/logga-in${tenant ? `?tenant=${tenant.slug}` : ""}">${t("layout.login")}</a>`
      }
    </div>
  </div>
</header>
${
  opts.breadcrumbs && opts.breadcrumbs.length > 1
    ? html`<nav class="breadcrumbs" aria-label="${t("layout.breadcrumbs")}"${frameLang}><ol>${opts.breadcrumbs.map(([label, href]) =>
        href ? html`<li><a href="${href}">${label}</a></li>` : html`<li aria-current="page">${label}</li>`,
      )}</ol></nav>`
    : ""
}
<main id="main" tabindex="-1">
${ctx.flash ? html`<div class="flash" role="status"${frameLang}>${ctx.flash}</div>` : ""}
${opts.main}
</main>
<footer class="site-footer"${frameLang}>
  <p>${t("layout.footer.about")}</p>
  <ul class="footer-links">
    <li><a href="${tenant ? `${base}/tillganglighet` : "/tillganglighet"}">${t("layout.footer.accessibility")}</a></li>
    <li><a href="/api/docs">${t("layout.footer.api")}</a></li>
  </ul>
</footer>
${scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
</body>
</html>`;
  return doc.value;
}
