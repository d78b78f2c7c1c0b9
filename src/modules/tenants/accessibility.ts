// The accessibility statement (tillgänglighetsredogörelse) required by lag (2018:1937) om
// tillgänglighet till digital offentlig service, laid out as Digg's model asks: who stands behind
// the service, compliance status (helt/delvis/inte förenlig), how to get content in another form
// and report problems (the municipality's contact), Digg's supervision with the link to its
// report form, the content that is not accessible and why, content outside the law's
// requirements, how it was tested, and the dates of the assessment and of the statement.
// At /t/{slug}/tillganglighet it is the municipality's statement (with its contact e-mail from
// its settings); at /tillganglighet the general one, listing every municipality's contact.
//
// Keep it true: the testing paragraphs describe test/e2e (the sweep over every page route, proven
// by test/sweeps/page-coverage.int.test.ts, and the browser stories). Change the dates below when
// the statement is reviewed.
import { html, mixed, type SafeHtml, sv } from "../../platform/http/html.ts";
import { content } from "../../platform/i18n/content.ts";
import type { PageOptions } from "../../platform/http/layout.ts";
import type { PageContext } from "../../platform/http/page-context.ts";
import { formatDate } from "../../platform/i18n/i18n.ts";

/** When the compliance was assessed, and when this statement was first prepared and last updated. */
export const STATEMENT_DATES = { assessedOn: "2026-12-07", preparedOn: "2026-11-25", updatedOn: "2026-12-07" } as const;

/**
 * The page routes left out of the accessibility sweep, as the statement describes them
 * ("a11y.how.stories"): a single stored e-mail (checked in a browser story), the safety survey's
 * later pages (reached only with a respondent's continuation cookie; checked in its browser story,
 * in Swedish and Arabic) and the addresses that only redirect to the municipality's sign-in service. test/sweeps/page-coverage.int.test.ts fails
 * when the modules' sweepExemptions differ from this list, so the statement stays true.
 */
export const STATEMENT_SWEEP_EXEMPTIONS = [
  "GET /admin/outbox/:id",
  "GET /auth/oidc/start",
  "GET /auth/oidc/callback",
  "GET /t/:tenant/enkat/:surveyId/sida/:page",
] as const;

/** Digg's form for reporting lacking accessibility (the address Digg asks statements to link to). */
export const DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan";

export type StatementContact = { slug: string; name: string; email: string | null };

function contactBlock(ctx: PageContext, tenant: StatementContact | null, contacts: readonly StatementContact[]): SafeHtml {
  const { t } = ctx;
  if (tenant) {
    return tenant.email
      ? html`<p>${t("a11y.contactEmail")} <a href="mailto:${tenant.email}">${tenant.email}</a></p>`
      : html`<p>${mixed(ctx, t("a11y.contactMissing", { name: content(tenant.name) }))}</p>`;
  }
  if (contacts.length === 0) return html`<p>${t("a11y.contactNoTenants")}</p>`;
  return html`<p>${t("a11y.contactGeneral")}</p>
<ul>${contacts.map(
    (c) =>
      html`<li><a href="/t/${c.slug}/tillganglighet">${sv(ctx, c.name)}</a>: ${c.email ? html`<a href="mailto:${c.email}">${c.email}</a>` : t("a11y.contactNone")}</li>`,
  )}</ul>`;
}

export function accessibilityPage(ctx: PageContext, opts: { tenant: StatementContact | null; contacts?: readonly StatementContact[] }): PageOptions {
  const { t, locale } = ctx;
  const tenant = opts.tenant;
  const contact = contactBlock(ctx, tenant, opts.contacts ?? []);
  const date = (d: string) => formatDate(d, locale);
  return {
    title: t("a11y.title"),
    main: html`<h1>${t("a11y.title")}</h1>
<p class="lead">${tenant ? mixed(ctx, t("a11y.introTenant", { name: content(tenant.name) })) : t("a11y.introGeneral")}</p>

<h2>${t("a11y.complianceHeading")}</h2>
<p>${t("a11y.compliance")}</p>

<h2>${t("a11y.alternativeHeading")}</h2>
<p>${t("a11y.alternative")}</p>
${contact}

<h2>${t("a11y.reportHeading")}</h2>
<p>${t("a11y.report")}</p>
${contact}

<h2>${t("a11y.supervisionHeading")}</h2>
<p>${t("a11y.supervision")}</p>
<p><a href="${DIGG_REPORT_URL}">${t("a11y.diggLink")}</a></p>

<h2>${t("a11y.technicalHeading")}</h2>
<p>${t("a11y.technical")}</p>

<h3>${t("a11y.deficienciesHeading")}</h3>
<ul>
  <li>${t("a11y.deficiency.maps")}</li>
  <li>${t("a11y.deficiency.pdf")}</li>
  <li>${t("a11y.deficiency.attachments")}</li>
</ul>

<h3>${t("a11y.exemptHeading")}</h3>
<ul>
  <li>${t("a11y.exempt.maps")}</li>
  <li>${t("a11y.exempt.signIn")}</li>
</ul>

<h2>${t("a11y.howHeading")}</h2>
<p>${t("a11y.how.method")}</p>
<p>${t("a11y.how.sweep")}</p>
<p>${t("a11y.how.stories")}</p>
<p>${t("a11y.how.notYet")}</p>

<h2>${t("a11y.datesHeading")}</h2>
<p>${t("a11y.dates", { assessed: date(STATEMENT_DATES.assessedOn), prepared: date(STATEMENT_DATES.preparedOn), updated: date(STATEMENT_DATES.updatedOn) })}</p>`,
  };
}
