-- EST – Effektiv Samordning för Trygghet: partner reports, the police's open events, the weekly
-- lägesbild's summaries, the weekly meetings with their focus areas and targeted places, the
-- insatser they decide, and the state of the police feed. Every tenant-owned table has
-- tenant_id, created_at, updated_at; keys between tenant-owned rows are composite
-- (tenant_id, id), so a row can only point at rows of its own tenant.
--
-- Time: `day` is the Stockholm local day number of an incident (days since 1970-01-01, see
-- src/analysis/iso-week.ts); ISO weeks are derived from it ((day + 3) / 7 is the running week).
-- Space: incidents with a point keep WGS84 (lat, lon) and SWEREF 99 TM (n, e) side by side, so
-- the lägesbild bins already-projected columns in SQL (decision 0026).

-- Uploaded CSV files of partner reports (one row per file; the same file twice is refused).
CREATE TABLE est_csv_batches (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  organisation_id  uuid,
  filename         text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  rows             int NOT NULL CHECK (rows >= 0),
  created_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, sha256),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id)
);

-- A partner's incident report: what (category), where (a named place or a pin, outdoors or in a
-- common area — never inside a home), when (a time or a span), the reporter's assessment and
-- optionally how many people, as a range. No names: the description is screened before storage.
CREATE TABLE est_reports (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- The reporter's organisation (one usable in the tenant: its own, or a regional one serving it).
  organisation_id  uuid,
  reporter_id      uuid REFERENCES users(id) ON DELETE SET NULL,
  origin           text NOT NULL CHECK (origin IN ('formular', 'csv', 'api')),
  batch_id         uuid,
  occurred_from    timestamptz NOT NULL,
  -- NULL: a point in time; otherwise the end of the span.
  occurred_to      timestamptz,
  day              int NOT NULL,
  category         text NOT NULL CHECK (category ~ '^[a-z0-9_]{1,40}$'),
  place_id         uuid,
  -- The named place's name when the report was made (kept if the place is renamed or removed).
  place_name       text CHECK (place_name IS NULL OR length(place_name) <= 120),
  setting          text NOT NULL CHECK (setting IN ('utomhus', 'gemensamt_utrymme')),
  lat              double precision NOT NULL CHECK (lat BETWEEN 55 AND 70),
  lon              double precision NOT NULL CHECK (lon BETWEEN 10 AND 25),
  n                double precision NOT NULL,
  e                double precision NOT NULL,
  description      text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  assessment       text NOT NULL CHECK (assessment IN ('ja', 'nej', 'osakert')),
  people_min       int CHECK (people_min IS NULL OR people_min >= 1),
  people_max       int,
  status           text NOT NULL DEFAULT 'ny' CHECK (status IN ('ny', 'granskad', 'sammanslagen')),
  merged_into_id   uuid,
  version          int NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK (occurred_to IS NULL OR occurred_to >= occurred_from),
  CHECK (people_max IS NULL OR (people_min IS NOT NULL AND people_max >= people_min)),
  CHECK ((status = 'sammanslagen') = (merged_into_id IS NOT NULL)),
  CHECK (merged_into_id IS NULL OR merged_into_id <> id),
  CHECK ((origin = 'csv') = (batch_id IS NOT NULL)),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES est_csv_batches (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id) ON DELETE SET NULL (place_id),
  FOREIGN KEY (tenant_id, merged_into_id) REFERENCES est_reports (tenant_id, id)
);
CREATE INDEX est_reports_day_idx ON est_reports (tenant_id, day);
CREATE INDEX est_reports_reporter_idx ON est_reports (tenant_id, reporter_id, created_at DESC);
CREATE INDEX est_reports_organisation_idx ON est_reports (tenant_id, organisation_id, day DESC);

-- A report's history: created, corrected, reviewed, recategorised, merged … (the shape of the
-- platform's document events: who, what, when, a note; `changes` holds old → new values).
CREATE TABLE est_report_events (
  id           bigserial PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  document_id  uuid NOT NULL,
  action       text NOT NULL,
  actor_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_name   text,
  note         text,
  changes      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, document_id) REFERENCES est_reports (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX est_report_events_idx ON est_report_events (tenant_id, document_id, id);

-- The police's open events of the tenant's municipality (polisen.se/api/events). They are
-- area-level: location.gps is the municipality's (or county's) centroid, never the incident, so
-- no position is stored. `police_id` is the police's id; a changed version updates the row.
CREATE TABLE est_police_events (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  police_id      bigint NOT NULL CHECK (police_id > 0),
  published_at   timestamptz NOT NULL,
  occurred_at    timestamptz NOT NULL,
  -- 'namn': the time in the event's name; 'publicering': the publication time (the name's time
  -- was missing or lay after the publication).
  time_source    text NOT NULL CHECK (time_source IN ('namn', 'publicering')),
  day            int NOT NULL,
  type           text NOT NULL CHECK (length(type) BETWEEN 1 AND 200),
  summary        text NOT NULL DEFAULT '',
  url            text,
  location_name  text NOT NULL,
  raw            jsonb NOT NULL,
  content_hash   text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, police_id)
);
CREATE INDEX est_police_events_day_idx ON est_police_events (tenant_id, day);

-- The national feed's calls (not tenant-owned: one fetch serves every tenant). The police's
-- rules — at least 10 s between calls, at most 60 an hour — are checked against this log by
-- every process before it calls; a 404 marks the address as gone for good (est_police_feed).
CREATE TABLE est_police_calls (
  id          bigserial PRIMARY KEY,
  url         text NOT NULL,
  called_at   timestamptz NOT NULL DEFAULT now(),
  status      int,
  events      int,
  error       text
);
CREATE INDEX est_police_calls_at_idx ON est_police_calls (called_at DESC);

CREATE TABLE est_police_feed (
  url          text PRIMARY KEY,
  gone_at      timestamptz,
  gone_status  int,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The coordinator's plain-language summary of a week's lägesbild, per area ('' = the whole
-- municipality). Without a row the page offers a generated draft.
CREATE TABLE est_week_summaries (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  week        text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  area_key    text NOT NULL DEFAULT '',
  text        text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  version     int NOT NULL DEFAULT 1,
  updated_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, week, area_key)
);

-- The weekly meeting: it discusses the lägesbild of one week (`week`), records focus areas and,
-- per organisation, the places it targets next week, and decides insatser.
CREATE TABLE est_meetings (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  week         text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  held_on      date NOT NULL,
  focus_areas  jsonb NOT NULL DEFAULT '[]'::jsonb,
  notes        text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  status       text NOT NULL DEFAULT 'planerat' CHECK (status IN ('planerat', 'genomfort')),
  version      int NOT NULL DEFAULT 1,
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, week)
);

-- Per organisation, the places it targets next week (a named place, or a place described in words).
CREATE TABLE est_meeting_targets (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  meeting_id       uuid NOT NULL,
  organisation_id  uuid NOT NULL,
  place_id         uuid,
  place_name       text NOT NULL CHECK (length(place_name) BETWEEN 1 AND 120),
  note             text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, meeting_id) REFERENCES est_meetings (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id) ON DELETE SET NULL (place_id)
);
CREATE INDEX est_meeting_targets_idx ON est_meeting_targets (tenant_id, meeting_id);

-- An insats: what, where (a named place: its polygon, or a radius around its point), who (an
-- organisation), from–to, which promise it serves; decided at a meeting (or by the coordinator),
-- reported done by its owner with the outcome, and evaluated before/after against a comparison
-- area (chosen: another named place; none chosen: suggested at evaluation time).
CREATE TABLE est_insatser (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  meeting_id           uuid,
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description          text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  place_id             uuid,
  place_name           text NOT NULL CHECK (length(place_name) BETWEEN 1 AND 120),
  lat                  double precision NOT NULL CHECK (lat BETWEEN 55 AND 70),
  lon                  double precision NOT NULL CHECK (lon BETWEEN 10 AND 25),
  radius_m             int NOT NULL DEFAULT 250 CHECK (radius_m BETWEEN 50 AND 5000),
  -- Categories the insats targets (empty: all point categories count in the evaluation).
  categories           jsonb NOT NULL DEFAULT '[]'::jsonb,
  organisation_id      uuid,
  starts_on            date NOT NULL,
  ends_on              date NOT NULL,
  promise_id           uuid,
  comparison_place_id  uuid,
  status               text NOT NULL DEFAULT 'beslutad' CHECK (status IN ('beslutad', 'pagar', 'genomford', 'installd')),
  outcome              text NOT NULL DEFAULT '' CHECK (length(outcome) <= 2000),
  done_on              date,
  -- The activity logged on the promise when the insats was reported done.
  activity_id          uuid,
  version              int NOT NULL DEFAULT 1,
  created_by           uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK (ends_on >= starts_on),
  CHECK ((status = 'genomford') = (done_on IS NOT NULL)),
  CHECK (comparison_place_id IS NULL OR comparison_place_id <> place_id),
  FOREIGN KEY (tenant_id, meeting_id) REFERENCES est_meetings (tenant_id, id) ON DELETE SET NULL (meeting_id),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE SET NULL (organisation_id),
  FOREIGN KEY (tenant_id, promise_id) REFERENCES promises (tenant_id, id) ON DELETE SET NULL (promise_id),
  FOREIGN KEY (tenant_id, activity_id) REFERENCES promise_activities (tenant_id, id) ON DELETE SET NULL (activity_id),
  FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id) ON DELETE SET NULL (place_id),
  FOREIGN KEY (tenant_id, comparison_place_id) REFERENCES places (tenant_id, id) ON DELETE SET NULL (comparison_place_id)
);
CREATE INDEX est_insatser_period_idx ON est_insatser (tenant_id, starts_on, ends_on);
CREATE INDEX est_insatser_meeting_idx ON est_insatser (tenant_id, meeting_id);

CREATE TABLE est_insats_events (
  id           bigserial PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  document_id  uuid NOT NULL,
  action       text NOT NULL,
  actor_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_name   text,
  note         text,
  changes      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, document_id) REFERENCES est_insatser (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX est_insats_events_idx ON est_insats_events (tenant_id, document_id, id);
