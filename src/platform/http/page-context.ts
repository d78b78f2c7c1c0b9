import type { Actor } from "../auth/actor.ts";
import type { Locale, Translate } from "../i18n/i18n.ts";
import type { NavLink } from "../module.ts";

export type TenantRef = { id: string; slug: string; name: string; kommunkod: string };

/** Everything a server-rendered page needs about the request. */
export type PageContext = {
  locale: Locale;
  t: Translate;
  /** Path and query of the current request (for the language switch and return links). */
  url: string;
  csrfToken: string;
  actor: Actor | null;
  tenant: TenantRef | null;
  flash: string | null;
  /** The tenant's public navigation, from the modules' declarations. */
  navigation: readonly NavLink[];
};
