// Kysely table types, kept in step with migrations/. Modules that add tables extend DB by
// declaring their tables in their own `tables.ts` and adding them here.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export type TenantsTable = {
  id: Generated<string>;
  slug: string;
  name: string;
  kommunkod: string;
  lan: string;
  boundary: Json<GeoJSONGeometry | null> | null;
  settings: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type GeoJSONGeometry = {
  type: "Polygon" | "MultiPolygon" | "Point" | "LineString" | "MultiLineString" | "MultiPoint";
  coordinates: unknown;
};

export type AreasTable = {
  id: Generated<string>;
  tenant_id: string;
  slug: string;
  name: string;
  kind: "survey" | "locality" | "district" | "other";
  geometry: Json<GeoJSONGeometry | null> | null;
  sort_order: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export const PLACE_KINDS = ["centrum", "station", "skola", "park", "idrott", "handel", "bostadsomrade", "vag", "ort", "annan"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export type PlacesTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  kind: ColumnType<PlaceKind, PlaceKind | undefined, PlaceKind>;
  lat: number;
  lon: number;
  geometry: Json<GeoJSONGeometry | null> | null;
  description: ColumnType<string, string | undefined, string>;
  /** How exact the position is, in metres (descriptions never claim to be finer). */
  precision_m: ColumnType<number, number | undefined, number>;
  /** Where the position came from. */
  source: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type OrganisationKind = "kommun" | "forvaltning" | "bolag" | "polis" | "raddningstjanst" | "foretag" | "forening" | "region" | "annan";

export type OrganisationsTable = {
  id: Generated<string>;
  tenant_id: string | null;
  parent_id: string | null;
  name: string;
  kind: OrganisationKind;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type OrganisationTenantsTable = {
  tenant_id: string;
  organisation_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type UsersTable = {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  is_system_admin: ColumnType<boolean, boolean | undefined, boolean>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  locale: ColumnType<"sv" | "en", "sv" | "en" | undefined, "sv" | "en">;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export const ROLES = ["admin", "samordnare", "polis", "rapportor", "atgardsagare", "lasare"] as const;
export type Role = (typeof ROLES)[number];

export type MembershipsTable = {
  tenant_id: string;
  user_id: string;
  role: Role;
  organisation_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SessionsTable = {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  auth_method: ColumnType<string, string | undefined, string>;
};

export type PasswordResetsTable = {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
};

export type OidcIdentitiesTable = {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
};

export type OutboxTable = {
  id: Generated<string>;
  tenant_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  transport: ColumnType<string, string | undefined, string>;
  sent_at: Date | null;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type FilesTable = {
  id: Generated<string>;
  tenant_id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AuditLogTable = {
  id: Generated<number>;
  tenant_id: string | null;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
};

/** Shared rate-limit counters (migrations/0040_rate_limits.sql; platform/http/rate-limit-store.ts). */
export type RateLimitsTable = {
  key: string;
  hits: number;
  window_ends: Timestamp;
};

/** Failed sign-ins per client address (migrations/0003_login_failures.sql). */
export type LoginFailuresTable = {
  client: string;
  failures: ColumnType<number, number | undefined, number>;
  window_started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  blocked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** A person added to a tenant by its admin, as the admin named them (migrations/0006_member_invitations.sql). */
export type MemberInvitationsTable = {
  tenant_id: string;
  user_id: string;
  name: string;
  invited_by: string | null;
  accepted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type FoundationTables = {
  tenants: TenantsTable;
  areas: AreasTable;
  places: PlacesTable;
  organisations: OrganisationsTable;
  organisation_tenants: OrganisationTenantsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  oidc_identities: OidcIdentitiesTable;
  outbox: OutboxTable;
  files: FilesTable;
  audit_log: AuditLogTable;
  login_failures: LoginFailuresTable;
  member_invitations: MemberInvitationsTable;
  rate_limits: RateLimitsTable;
};

// Module tables are merged in by interface merging from each module's tables.ts
// (`declare module "../../platform/db/schema.ts" { interface DB extends XTables {} }`), so the
// platform never imports a module.
export interface DB extends FoundationTables {}
