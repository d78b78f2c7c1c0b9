// The tenant's people and roles (for the tenant's admins): who has which role for which
// organisation, a form to add a person (invitation by mail) and a button per role to remove it.
import { ROLES } from "../../../platform/db/schema.ts";
import { csrfField, errorSummary, type FieldErrors, inputField, selectField } from "../../../platform/http/forms.ts";
import { content } from "../../../platform/i18n/content.ts";
import { html, mixed, sv } from "../../../platform/http/html.ts";
import { scrollTable } from "../../../platform/http/tables.ts";
import type { PageOptions } from "../../../platform/http/layout.ts";
import type { PageContext } from "../../../platform/http/page-context.ts";
import type { MemberStatus, TenantMember } from "../service.ts";

export type AddMemberForm = { email: string; name: string; role: string; organisation_id: string };

const STATUS_BADGE: Record<MemberStatus, string> = {
  invited: "badge--muted",
  active: "badge--ok",
  noPassword: "badge--muted",
  locked: "badge--warn",
  disabled: "badge--danger",
};

export function membersPage(
  ctx: PageContext,
  p: {
    tenant: { slug: string; name: string };
    members: TenantMember[];
    organisations: Array<{ id: string; name: string }>;
    form: AddMemberForm;
    errors?: FieldErrors;
    formError?: string | null;
  },
): PageOptions {
  const { t } = ctx;
  const base = `/t/${p.tenant.slug}/admin/anvandare`;
  return {
    title: t("users.members.title"),
    breadcrumbs: [
      [t("layout.nav.staff"), `/t/${p.tenant.slug}/arbete`],
      [t("users.members.title"), null],
    ],
    main: html`<h1>${mixed(ctx, t("users.members.heading", { name: content(p.tenant.name) }))}</h1>
${errorSummary(ctx, p.errors, p.formError)}
${scrollTable(
  t("users.members.caption", { count: p.members.length }),
  html`<table>
  <caption>${t("users.members.caption", { count: p.members.length })}</caption>
  <thead><tr>
    <th scope="col">${t("users.field.name")}</th>
    <th scope="col">${t("users.field.email")}</th>
    <th scope="col">${t("users.members.roles")}</th>
    <th scope="col">${t("users.members.status")}</th>
  </tr></thead>
  <tbody>
  ${p.members.map(
    (m) => html`<tr>
    <th scope="row">${m.name}</th>
    <td>${m.email}</td>
    <td><ul class="role-list">${m.roles.map(
      (r) => html`<li>${t(`roles.${r.role}`)}${r.organisation ? html` <span class="muted">(${sv(ctx, r.organisation)})</span>` : ""}
      <form method="post" action="${base}/${m.id}/ta-bort-roll" class="inline-form">
        ${csrfField(ctx)}
        <input type="hidden" name="role" value="${r.role}">
        <button type="submit" class="link-button">${t("users.members.remove")}<span class="visually-hidden"> ${t("users.members.removeWhat", {
          role: t(`roles.${r.role}`),
          name: m.name,
        })}</span></button>
      </form></li>`,
    )}</ul></td>
    <td><span class="badge ${STATUS_BADGE[m.status]}">${t(`users.status.${m.status}`)}</span></td>
  </tr>`,
  )}
  </tbody>
</table>`,
)}
<section aria-labelledby="add-heading">
  <h2 id="add-heading">${t("users.members.addHeading")}</h2>
  <p>${t("users.members.addLead")}</p>
  <form method="post" action="${base}" novalidate>
    ${csrfField(ctx)}
    ${inputField({ name: "email", label: t("users.field.email"), type: "email", value: p.form.email, autocomplete: "off", required: true, errors: p.errors })}
    ${inputField({ name: "name", label: t("users.field.name"), value: p.form.name, autocomplete: "off", required: true, errors: p.errors })}
    ${selectField({
      name: "role",
      label: t("users.field.role"),
      value: p.form.role,
      required: true,
      placeholder: t("users.members.chooseRole"),
      options: ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
      errors: p.errors,
    })}
    ${selectField({
      name: "organisation_id",
      label: t("users.field.organisation"),
      hint: t("users.members.organisationHint"),
      value: p.form.organisation_id,
      placeholder: t("users.members.noOrganisation"),
      options: p.organisations.map((o) => ({ value: o.id, label: o.name, lang: ctx.locale === "sv" ? undefined : "sv" })),
      errors: p.errors,
    })}
    <button type="submit">${t("users.members.addSubmit")}</button>
  </form>
</section>`,
  };
}
