// Staff accounts in the register of processing activities. Staff are not residents: their own
// data is handled here (and in the audit log), not through a resident's extract and erasure.
import type { ProcessingActivity } from "../../platform/module.ts";

export const processing: ProcessingActivity[] = [
  {
    name: "Personalkonton och inloggning",
    purpose:
      "Ge kommunens och partnernas personal konton, roller per kommun och säker inloggning (lösenord eller kommunens inloggning), och skydda mot gissade lösenord.",
    legalBasis: "Art. 6.1 b och e (anställning/uppdrag och myndighetsutövning); säkerhet i behandlingen, art. 32.",
    dataSubjects: ["personal med konto", "inbjudna personer", "personer som försökt logga in"],
    categories: [
      "namn",
      "e-postadress",
      "organisation och roll",
      "lösenordshash (argon2id)",
      "sessioner (hash av token, IP, webbläsare)",
      "misslyckade inloggningar per adress",
      "OIDC-identitet",
    ],
    recipients: ["kommunens administratörer (personer och roller)", "systemadministratörer"],
    retention: "Så länge kontot finns; sessioner till utgång, återställningslänkar 1 timme (inbjudan 72 timmar), misslyckade inloggningar ett dygn.",
    tables: ["users", "memberships", "sessions", "password_resets", "oidc_identities", "login_failures", "member_invitations"],
    safeguards:
      "Lösenord bara som argon2id-hash, tokens bara som SHA-256, konton stängs av i stället för att raderas (granskningsloggen behåller aktörens id).",
  },
  {
    name: "Begränsning av förfrågningar per klientadress",
    purpose:
      "Skydda inloggning och publika formulär (rapporter, anmälningar, enkätsvar) mot överbelastning och automatiserade försök, gemensamt för alla instanser.",
    legalBasis: "Art. 6.1 e och säkerhet i behandlingen, art. 32.",
    dataSubjects: ["besökare som skickar förfrågningar till begränsade adresser"],
    categories: ["räknare per adress och klientadress (IPv4, eller IPv6-prefix /64) inom ett tidsfönster"],
    recipients: ["ingen (används bara av tjänsten själv)"],
    retention: "Till tidsfönstrets slut (minuter); passerade fönster rensas.",
    tables: ["rate_limits"],
    safeguards: "Inget namn, ingen e-post och inget innehåll i förfrågan sparas; bara antalet.",
  },
];
