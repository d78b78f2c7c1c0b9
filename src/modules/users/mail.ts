// The texts of the mail this module sends, in the recipient's language.
import { type Locale, translator } from "../../platform/i18n/i18n.ts";

export type MailText = { subject: string; text: string };

export function resetMail(locale: Locale, p: { name: string; link: string; hours: number }): MailText {
  const t = translator(locale);
  return {
    subject: t("users.mail.reset.subject"),
    text: t("users.mail.reset.body", { name: p.name, link: p.link, validity: t("users.mail.validFor", { count: p.hours }) }),
  };
}

export function inviteMail(locale: Locale, p: { name: string; tenant: string; role: string; link: string; hours: number; inviter: string }): MailText {
  const t = translator(locale);
  return {
    subject: t("users.mail.invite.subject", { tenant: p.tenant }),
    text: t("users.mail.invite.body", {
      name: p.name,
      tenant: p.tenant,
      role: t(`roles.${p.role}`),
      link: p.link,
      inviter: p.inviter,
      validity: t("users.mail.validFor", { count: p.hours }),
    }),
  };
}

export function roleAddedMail(locale: Locale, p: { name: string; tenant: string; role: string; link: string; inviter: string }): MailText {
  const t = translator(locale);
  return {
    subject: t("users.mail.roleAdded.subject", { tenant: p.tenant }),
    text: t("users.mail.roleAdded.body", { name: p.name, tenant: p.tenant, role: t(`roles.${p.role}`), link: p.link, inviter: p.inviter }),
  };
}

export function lockedMail(locale: Locale, p: { name: string; minutes: number; link: string; hours: number }): MailText {
  const t = translator(locale);
  return {
    subject: t("users.mail.locked.subject"),
    text: t("users.mail.locked.body", {
      name: p.name,
      duration: t("users.mail.lockedFor", { count: p.minutes }),
      link: p.link,
      validity: t("users.mail.validFor", { count: p.hours }),
    }),
  };
}
