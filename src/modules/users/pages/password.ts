// Forgotten password: ask for a link, and choose a new password from the link (also the page
// where invited people choose their first password).
import { csrfField, errorSummary, type FieldErrors, inputField } from "../../../platform/http/forms.ts";
import { html } from "../../../platform/http/html.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import { MIN_PASSWORD_LENGTH } from "../password-rules.ts";

export function forgotPage(ctx: PageContext, f: { email: string; errors?: FieldErrors }): PageOptions {
  const { t } = ctx;
  return {
    title: t("users.forgot.title"),
    breadcrumbs: [
      [t("users.login.title"), "/logga-in"],
      [t("users.forgot.title"), null],
    ],
    main: html`<h1>${t("users.forgot.title")}</h1>
<p class="lead">${t("users.forgot.lead")}</p>
${errorSummary(ctx, f.errors)}
<form method="post" action="/glomt-losenord" novalidate>
  ${csrfField(ctx)}
  ${inputField({ name: "email", label: t("users.field.email"), type: "email", value: f.email, autocomplete: "email", required: true, errors: f.errors })}
  <button type="submit">${t("users.forgot.submit")}</button>
</form>
<p><a href="/logga-in">${t("users.oidc.backToLogin")}</a></p>`,
  };
}

export function forgotSentPage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t("users.forgot.sentTitle"),
    main: html`<h1>${t("users.forgot.sentTitle")}</h1>
<div class="flash" role="status"><p>${t("users.forgot.sent")}</p></div>
<p>${t("users.forgot.sentHelp")}</p>
<p><a href="/logga-in">${t("users.oidc.backToLogin")}</a></p>`,
  };
}

export function resetPage(ctx: PageContext, f: { token: string; email: string; firstPassword: boolean; errors?: FieldErrors }): PageOptions {
  const { t } = ctx;
  const title = f.firstPassword ? t("users.reset.titleFirst") : t("users.reset.title");
  return {
    title,
    main: html`<h1>${title}</h1>
<p class="lead">${t("users.reset.lead", { min: MIN_PASSWORD_LENGTH })}</p>
${errorSummary(ctx, f.errors)}
<form method="post" action="/aterstall-losenord" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="token" value="${f.token}">
  <div class="field">
    <label for="f-username">${t("users.field.email")}</label>
    <input id="f-username" name="username" type="email" value="${f.email}" autocomplete="username" readonly>
  </div>
  ${inputField({
    name: "password",
    label: t("users.field.newPassword"),
    hint: t("users.reset.hint", { min: MIN_PASSWORD_LENGTH }),
    type: "password",
    autocomplete: "new-password",
    required: true,
    errors: f.errors,
  })}
  ${inputField({ name: "password_repeat", label: t("users.field.repeatPassword"), type: "password", autocomplete: "new-password", required: true, errors: f.errors })}
  <button type="submit">${t("users.reset.submit")}</button>
</form>`,
  };
}

export function resetInvalidPage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t("users.reset.invalidTitle"),
    main: html`<h1>${t("users.reset.invalidTitle")}</h1>
<p>${t("users.reset.invalid")}</p>
<p><a class="button" href="/glomt-losenord">${t("users.reset.requestNew")}</a></p>`,
  };
}
