// The one place that reads process.env. Every variable is described here and validated at boot;
// a wrong value stops start-up with a message that names the variable.
import { z } from "zod";

const bool = z.enum(["1", "0", "true", "false", "yes", "no", ""]).transform((v) => v === "1" || v === "true" || v === "yes");

export const ConfigSchema = z.object({
  /** Environment: development, test or production. Outside production no mail leaves the outbox. */
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** TCP port for the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Public base URL (used in mails and OIDC redirects). Defaults to http://HOST:PORT. */
  BASE_URL: z.url().optional(),
  /** PostgreSQL server connection string. When unset, Trygg uses embedded PGlite in TRYGG_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "måste börja med postgres:// eller postgresql://")
    .optional(),
  /** Directory of the embedded database, uploaded files and the lock file. */
  TRYGG_DATA_DIR: z.string().min(1).default("data"),
  /** Secret for signing cookies (≥ 32 characters). Required in production. */
  SESSION_SECRET: z.string().min(32, "måste vara minst 32 tecken").optional(),
  /** Session lifetime in hours. */
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Mail transport: `outbox` stores mail in the database (shown at /admin/outbox), `smtp` sends it. */
  MAIL_TRANSPORT: z.enum(["outbox", "smtp"]).default("outbox"),
  /** SMTP connection URL (smtp://user:pass@host:587) when MAIL_TRANSPORT=smtp. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "måste börja med smtp:// eller smtps://")
    .optional(),
  /** Sender address for mail. */
  MAIL_FROM: z.string().min(3).default("Trygg <noreply@trygg.local>"),
  /** File storage: `disk` (TRYGG_DATA_DIR/files) or `s3` (S3-compatible). */
  STORAGE: z.enum(["disk", "s3"]).default("disk"),
  /** S3 endpoint, bucket and credentials when STORAGE=s3. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** OpenID Connect issuer of the municipality's identity provider (enables "Logga in med e-legitimation/SSO"). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Map tile URL template ({z}/{x}/{y}); empty means maps draw without a background. */
  MAP_TILE_URL: z.string().default(""),
  /** Attribution for the map tiles. */
  MAP_TILE_ATTRIBUTION: z.string().default(""),
  /** Failed logins before an account is locked, and for how many minutes. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /**
   * Failed sign-ins from one client address (any accounts, existing or not) within
   * LOGIN_LOCK_MINUTES before that address may not sign in for LOGIN_LOCK_MINUTES. Counted in the
   * database, so shared by every instance.
   */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /**
   * Reverse proxies allowed to set the client address (X-Forwarded-For): empty (default) trusts
   * none; a number trusts that many hops; or a comma-separated list of addresses/CIDRs
   * ("127.0.0.1,10.0.0.0/8"). Never trust every sender: clients could then pick their address.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, "ska vara ett antal (t.ex. 1) eller adresser/CIDR åtskilda med komma")
    .optional(),
  /** Requests per minute per IP on public write endpoints. */
  PUBLIC_WRITE_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /**
   * On SIGTERM/SIGINT the server stops listening and lets requests in flight finish for at most
   * this many seconds, then cuts the remaining connections and exits. Keep it below the process
   * manager's own stop timeout (Docker: stop_grace_period, default 10 s; systemd: TimeoutStopSec).
   */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /**
   * Scheduled fetch of the police's open events (EST): `auto` (default) fetches in production
   * only, `on` also elsewhere (against POLISEN_EVENTS_URL), `off` never. Each tenant chooses in
   * its EST settings whether the events of its municipality are imported.
   */
  POLISEN_FETCH: z.enum(["auto", "on", "off"]).default("auto"),
  /** Address of the police's open events (HTTPS; plain http only to this machine, outside production). */
  POLISEN_EVENTS_URL: z.url().default("https://polisen.se/api/events"),
  /** User-Agent of Trygg's calls to the police (their rules ask for one that names the caller). */
  POLISEN_USER_AGENT: z.string().min(3).max(200).optional(),
  /** Memory (MB) for public pages, PDFs and open data rendered once per change (decision 0015); 0 turns the cache off. */
  PUBLIC_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /** Print stack traces of unexpected CLI errors. */
  TRYGG_DEBUG: bool.default(false),
});

export type Config = z.infer<typeof ConfigSchema> & {
  baseUrl: string;
  sessionSecret: string;
  databaseKind: "pglite" | "postgres";
  /** TRUST_PROXY as Fastify takes it. */
  trustProxy: false | number | string[];
};

export class ConfigError extends Error {}

/** Validate the environment (or overrides, for tests and CLI flags) into a Config. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof z.input<typeof ConfigSchema>, string | number | undefined>> = {},
): Config {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = overrides[key as keyof typeof overrides] ?? env[key];
    if (v !== undefined && v !== "") input[key] = v;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = String(first?.path[0] ?? "?");
    throw new ConfigError(`ogiltig konfiguration: ${name} ${first?.message ?? ""}`.trim());
  }
  const c = parsed.data;
  if (c.NODE_ENV === "production" && !c.SESSION_SECRET) {
    throw new ConfigError("ogiltig konfiguration: SESSION_SECRET krävs i produktion (minst 32 tecken)");
  }
  if (c.MAIL_TRANSPORT === "smtp" && !c.SMTP_URL) {
    throw new ConfigError("ogiltig konfiguration: SMTP_URL krävs när MAIL_TRANSPORT=smtp");
  }
  if (c.STORAGE === "s3" && (!c.S3_ENDPOINT || !c.S3_BUCKET)) {
    throw new ConfigError("ogiltig konfiguration: S3_ENDPOINT och S3_BUCKET krävs när STORAGE=s3");
  }
  if (c.OIDC_ISSUER && !c.OIDC_CLIENT_ID) {
    throw new ConfigError("ogiltig konfiguration: OIDC_CLIENT_ID krävs när OIDC_ISSUER är satt");
  }
  const hostForUrl = c.HOST === "0.0.0.0" || c.HOST === "::" ? "localhost" : c.HOST;
  return {
    ...c,
    baseUrl: (c.BASE_URL ?? `http://${hostForUrl}:${c.PORT}`).replace(/\/$/, ""),
    // Outside production a fixed development secret is fine; production requires SESSION_SECRET.
    sessionSecret: c.SESSION_SECRET ?? "trygg-development-secret-not-for-production-use",
    databaseKind: c.DATABASE_URL ? "postgres" : "pglite",
    trustProxy: !c.TRUST_PROXY ? false : /^\d+$/.test(c.TRUST_PROXY) ? Number(c.TRUST_PROXY) : c.TRUST_PROXY.split(",").map((x) => x.trim()),
  };
}
