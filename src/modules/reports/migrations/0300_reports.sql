-- Medborgardialog: residents' reports of unsafe places, their photos, +1s, updates and replies,
-- routing rules, alerts (subscriptions), and Open311 API keys. Every tenant-owned table has
-- tenant_id, created_at, updated_at; foreign keys between tenant-owned tables are composite
-- (tenant_id, id), so a row can never point at another municipality's row.
--
-- Personal data kept to a minimum: a reporter's name and e-mail are optional, never public,
-- and removed a set time after the report is closed (reporter_name/reporter_email → NULL,
-- contact_removed_at set). Tokens (follow links, subscription links, API keys) are stored only
-- as SHA-256 hashes.

-- Organisations are referenced through organisation_tenants (tenant_id, organisation_id): the
-- organisations usable in the tenant, its own and regional ones such as the police LPO
-- (migrations/0002_tenant_keys.sql, decision 0013).

-- Open311 API keys, issued per organisation by an admin; only the hash is kept (the key is
-- shown once). A revoked key stays for the record (reports refer to the key they came with).
CREATE TABLE report_api_keys (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  organisation_id  uuid,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  key_prefix       text NOT NULL CHECK (length(key_prefix) BETWEEN 4 AND 32),
  key_hash         text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  created_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  revoked_at       timestamptz,
  revoked_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  last_used_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, key_hash),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id)
);

CREATE TABLE reports (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- The report's public reference: 8 characters of Crockford base32, random (no counting).
  ref                 text NOT NULL CHECK (ref ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
  category            text NOT NULL CHECK (category ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  -- Whether the category was person-related when the report came in. A category turned
  -- person-related later hides old reports too (the public rule is "then or now").
  person_related      boolean NOT NULL,
  -- Where: a point (the map), a named place, or only an area (no point at all).
  precision           text NOT NULL CHECK (precision IN ('point', 'place', 'area')),
  lat                 double precision CHECK (lat BETWEEN 55 AND 70),
  lon                 double precision CHECK (lon BETWEEN 10 AND 25),
  -- The same point in SWEREF 99 TM (metres), for grid counts and distances in SQL.
  sweref_n            double precision,
  sweref_e            double precision,
  place_id            uuid,
  area_id             uuid,
  location_text       text NOT NULL DEFAULT '' CHECK (length(location_text) <= 500),
  description         text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  feels_unsafe        boolean,
  unsafe_times        text[] NOT NULL DEFAULT '{}' CHECK (unsafe_times <@ ARRAY['dag', 'kvall', 'natt', 'helg']::text[]),
  reporter_name       text CHECK (length(reporter_name) <= 120),
  reporter_email      text CHECK (length(reporter_email) <= 254),
  wants_updates       boolean NOT NULL DEFAULT false,
  contact_removed_at  timestamptz,
  status              text NOT NULL DEFAULT 'mottagen'
                      CHECK (status IN ('mottagen', 'under_utredning', 'atgardad', 'avslutad', 'inte_vart_ansvar', 'dubblett')),
  status_reason       text CHECK (length(status_reason) <= 2000),
  other_authority     text CHECK (length(other_authority) <= 200),
  duplicate_of        uuid,
  organisation_id     uuid,
  -- public: shown under the privacy rules; pending: waits for staff review (categories the
  -- tenant reviews first); hidden: taken down by staff, with a reason.
  visibility          text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'pending', 'hidden')),
  hidden_reason       text CHECK (length(hidden_reason) <= 500),
  source              text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'open311')),
  api_key_id          uuid,
  follow_token_hash   text CHECK (follow_token_hash ~ '^[0-9a-f]{64}$'),
  -- Open311 token of a request to a reviewed ("batch") service.
  open311_token       text CHECK (open311_token ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
  -- A media_url given through Open311: shown to staff as a link, never fetched or republished.
  external_media_url  text CHECK (length(external_media_url) <= 2000),
  first_response_at   timestamptz,
  closed_at           timestamptz,
  fixed_check_sent_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, ref),
  UNIQUE (tenant_id, follow_token_hash),
  UNIQUE (tenant_id, open311_token),
  CHECK ((lat IS NULL) = (lon IS NULL) AND (lat IS NULL) = (sweref_n IS NULL) AND (sweref_n IS NULL) = (sweref_e IS NULL)),
  CHECK ((precision = 'area') = (lat IS NULL)),
  CHECK (status <> 'avslutad' OR status_reason IS NOT NULL),
  CHECK (status <> 'inte_vart_ansvar' OR other_authority IS NOT NULL),
  CHECK ((status = 'dubblett') = (duplicate_of IS NOT NULL)),
  CHECK (duplicate_of IS NULL OR duplicate_of <> id),
  FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id) ON DELETE SET NULL (place_id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id),
  FOREIGN KEY (tenant_id, duplicate_of) REFERENCES reports (tenant_id, id),
  FOREIGN KEY (tenant_id, api_key_id) REFERENCES report_api_keys (tenant_id, id),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id)
);
CREATE INDEX reports_created_idx ON reports (tenant_id, created_at DESC, id DESC);
CREATE INDEX reports_updated_idx ON reports (tenant_id, updated_at DESC);
CREATE INDEX reports_status_idx ON reports (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX reports_position_idx ON reports (tenant_id, lat, lon) WHERE lat IS NOT NULL;
CREATE INDEX reports_duplicate_idx ON reports (tenant_id, duplicate_of) WHERE duplicate_of IS NOT NULL;
-- Reports waiting for review (the staff start page counts them).
CREATE INDEX reports_pending_idx ON reports (tenant_id, status) WHERE visibility = 'pending';

-- Photos: the cleaned JPEG and its thumbnail (files rows, tenant-scoped). A photo uploaded
-- with a form that had to be corrected waits as a draft (draft_key_hash, no report yet) so the
-- resident does not upload it again; drafts are removed after a day.
CREATE TABLE report_photos (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  report_id       uuid,
  draft_key_hash  text CHECK (draft_key_hash ~ '^[0-9a-f]{64}$'),
  file_id         uuid NOT NULL,
  thumb_file_id   uuid NOT NULL,
  width           int NOT NULL CHECK (width > 0),
  height          int NOT NULL CHECK (height > 0),
  position        smallint NOT NULL DEFAULT 0,
  hidden_at       timestamptz,
  hidden_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason   text CHECK (length(hidden_reason) <= 500),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK ((report_id IS NULL) <> (draft_key_hash IS NULL)),
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, file_id) REFERENCES files (tenant_id, id),
  FOREIGN KEY (tenant_id, thumb_file_id) REFERENCES files (tenant_id, id)
);
CREATE INDEX report_photos_report_idx ON report_photos (tenant_id, report_id, position);
CREATE INDEX report_photos_draft_idx ON report_photos (tenant_id, draft_key_hash) WHERE draft_key_hash IS NOT NULL;

-- "Jag känner mig också otrygg här": one row per +1, with when it feels unsafe. No identity.
CREATE TABLE report_supports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  report_id     uuid NOT NULL,
  unsafe_times  text[] NOT NULL DEFAULT '{}' CHECK (unsafe_times <@ ARRAY['dag', 'kvall', 'natt', 'helg']::text[]),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX report_supports_report_idx ON report_supports (tenant_id, report_id);

-- What happened to a report: status changes, public updates, internal notes, replies to the
-- reporter, routing, merges, reopening, the reporter's "is it fixed?" answer, reviews. Who may
-- see an entry is its audience: everyone (public), staff, or the reporter (and staff).
CREATE TABLE report_updates (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  report_id        uuid NOT NULL,
  kind             text NOT NULL
                   CHECK (kind IN ('submitted', 'status', 'public', 'internal', 'reply', 'routing', 'merge', 'reopen', 'resident', 'review', 'redaction', 'photo')),
  audience         text NOT NULL CHECK (audience IN ('public', 'staff', 'reporter')),
  text             text NOT NULL DEFAULT '' CHECK (length(text) <= 4000),
  status_from      text,
  status_to        text,
  organisation_id  uuid,
  author_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  -- Public entries name the organisation, never the person who wrote them.
  author_label     text NOT NULL DEFAULT '' CHECK (length(author_label) <= 200),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id)
);
CREATE INDEX report_updates_report_idx ON report_updates (tenant_id, report_id, created_at);
CREATE INDEX report_updates_created_idx ON report_updates (tenant_id, created_at DESC);

-- Routing: category × area → organisation (a department, a company, the police LPO). NULL is
-- "any"; the most specific rule wins, and the rule with both NULL is the default.
CREATE TABLE report_routing_rules (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  category         text CHECK (category ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  area_id          uuid,
  organisation_id  uuid NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE NULLS NOT DISTINCT (tenant_id, category, area_id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE CASCADE
);

-- Alerts by e-mail: new reports and/or updates in an area and/or category, or updates of one
-- report. Residents confirm by a link (double opt-in); staff subscriptions are confirmed at once.
CREATE TABLE report_subscriptions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  user_id       uuid REFERENCES users(id) ON DELETE CASCADE,
  report_id     uuid,
  category      text CHECK (category ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  area_id       uuid,
  events        text NOT NULL CHECK (events IN ('new', 'updates', 'both')),
  token_hash    text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  confirmed_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  CHECK (report_id IS NULL OR (category IS NULL AND area_id IS NULL AND events = 'updates')),
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX report_subscriptions_report_idx ON report_subscriptions (tenant_id, report_id) WHERE report_id IS NOT NULL;
CREATE INDEX report_subscriptions_filter_idx ON report_subscriptions (tenant_id, confirmed_at) WHERE report_id IS NULL;
