// Sign-in pages: the login form (with the municipality's own sign-in when OIDC is configured),
// the tenant chooser for people who work in several municipalities, and OIDC problem pages.
import { csrfField, errorSummary, type FieldErrors, inputField } from "../../../platform/http/forms.ts";
import { content } from "../../../platform/i18n/content.ts";
import { html, mixed, sv } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { TenantChoice } from "../destinations.ts";

export type LoginForm = {
  email: string;
  next: string | null;
  tenantSlug: string | null;
  tenantName: string | null;
  oidc: boolean;
  errors?: FieldErrors;
  formError?: string | null;
};

function oidcStartHref(f: Pick<LoginForm, "next" | "tenantSlug">): string {
  const q = new URLSearchParams();
  if (f.tenantSlug) q.set("tenant", f.tenantSlug);
  if (f.next) q.set("next", f.next);
  const s = q.toString();
  return `/auth/oidc/start${s ? `?${s}` : ""}`;
}

export function loginPage(ctx: PageContext, f: LoginForm): PageOptions {
  const { t } = ctx;
  return {
    title: t("users.login.title"),
    main: html`<h1>${t("users.login.title")}</h1>
<p class="lead">${f.tenantName ? mixed(ctx, t("users.login.leadTenant", { name: content(f.tenantName) })) : t("users.login.lead")}</p>
${errorSummary(ctx, f.errors, f.formError)}
${
  f.oidc
    ? html`<section aria-labelledby="oidc-heading" class="login-oidc">
  <h2 id="oidc-heading">${t("users.login.oidcHeading")}</h2>
  <p><a class="button" href="${oidcStartHref(f)}">${t("users.login.oidc")}</a></p>
</section>
<h2>${t("users.login.passwordHeading")}</h2>`
    : ""
}
<form method="post" action="/logga-in" novalidate>
  ${csrfField(ctx)}
  ${f.next ? html`<input type="hidden" name="next" value="${f.next}">` : ""}
  ${f.tenantSlug ? html`<input type="hidden" name="tenant" value="${f.tenantSlug}">` : ""}
  ${inputField({ name: "email", label: t("users.field.email"), type: "email", value: f.email, autocomplete: "email", required: true, errors: f.errors })}
  ${inputField({ name: "password", label: t("users.field.password"), type: "password", autocomplete: "current-password", required: true, errors: f.errors })}
  <button type="submit">${t("users.login.submit")}</button>
</form>
<p><a href="/glomt-losenord">${t("users.login.forgot")}</a></p>`,
  };
}

export function tenantChooserPage(ctx: PageContext, tenants: TenantChoice[]): PageOptions {
  const { t } = ctx;
  return {
    title: t("users.chooser.title"),
    main: html`<h1>${t("users.chooser.title")}</h1>
${
  tenants.length
    ? html`<p>${t("users.chooser.lead")}</p>
<ul class="card-list">${tenants.map(
        (x) =>
          html`<li class="card"><a href="/t/${x.slug}/arbete">${sv(ctx, x.name)}</a>${
            x.roles.length ? html` <span class="muted">${x.roles.map((r, i) => html`${i ? ", " : ""}${t(`roles.${r}`)}`)}</span>` : ""
          }</li>`,
      )}</ul>`
    : html`<p>${t("users.chooser.none")}</p>`
}`,
  };
}

/** A sign-in through the municipality's identity provider that did not work out. */
export function oidcProblemPage(ctx: PageContext, message: string): PageOptions {
  const { t } = ctx;
  return {
    title: t("users.oidc.problemTitle"),
    main: html`<h1>${t("users.oidc.problemTitle")}</h1>
<div class="error-summary" role="alert"><p>${message}</p></div>
<p><a href="/logga-in">${t("users.oidc.backToLogin")}</a></p>`,
  };
}
