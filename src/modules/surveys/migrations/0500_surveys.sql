-- Trygghetsmätning (safety survey): versioned survey definitions, survey rounds with a field
-- period, anonymous responses and their answers, one-time codes for a drawn sample, the stored
-- aggregate of a closed round, imported official results and reported-crime statistics, and
-- survey items named as indicators of promises. Every table is tenant-owned; foreign keys between
-- tenant-owned tables are composite (tenant_id, id) (decision 0013).
--
-- Anonymity (decision 0031): a response carries no IP address, no account and no time finer than
-- the day. Its created_at/updated_at are DATE columns on purpose. One-time codes are stored only
-- as hashes; using one marks it used without any link to the response it opened, and without
-- touching its dates.

CREATE TABLE survey_definitions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- Versions: a definition whose round has opened is locked (items frozen, translations still
  -- editable); a change of items is a new revision in the same series.
  series_id      uuid NOT NULL,
  revision       int NOT NULL DEFAULT 1 CHECK (revision >= 1),
  supersedes_id  uuid,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- {intro, items: [{key, type, page, theme, text, help, options, condition, measure, role, min, max}], ui}
  -- Texts are {sv, en, ar, so, fi, fa} with Swedish required (domain/definition.ts).
  content        jsonb NOT NULL,
  locked         boolean NOT NULL DEFAULT false,
  version        int NOT NULL DEFAULT 1,
  created_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, series_id, revision),
  FOREIGN KEY (tenant_id, supersedes_id) REFERENCES survey_definitions (tenant_id, id) ON DELETE SET NULL (supersedes_id)
);
CREATE INDEX survey_definitions_tenant_idx ON survey_definitions (tenant_id, series_id, revision DESC);

-- A survey round: one definition, one year, a field period. utkast → oppen → stangd → publicerad.
CREATE TABLE surveys (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  definition_id  uuid NOT NULL,
  year           int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  status         text NOT NULL DEFAULT 'utkast' CHECK (status IN ('utkast', 'oppen', 'stangd', 'publicerad')),
  field_from     date NOT NULL,
  field_to       date NOT NULL,
  requires_code  boolean NOT NULL DEFAULT false,
  -- Optional post-stratification: {enabled, population: [{area_id, age_group, sex, count}]}
  weighting      jsonb NOT NULL DEFAULT '{"enabled": false, "population": []}'::jsonb,
  aggregated_at  timestamptz,
  published_at   timestamptz,
  version        int NOT NULL DEFAULT 1,
  created_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (field_to >= field_from),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, definition_id) REFERENCES survey_definitions (tenant_id, id)
);
CREATE INDEX surveys_tenant_idx ON surveys (tenant_id, year DESC, status);
-- One set of published results per year and tenant (the address /t/{slug}/trygghetsmatning/{year}).
CREATE UNIQUE INDEX surveys_published_year_idx ON surveys (tenant_id, year) WHERE status = 'publicerad';

-- Who did what with a survey round (the documents kit's events shape).
CREATE TABLE survey_document_events (
  id           bigserial PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  document_id  uuid NOT NULL,
  action       text NOT NULL,
  actor_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_name   text,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, document_id) REFERENCES surveys (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_document_events_idx ON survey_document_events (tenant_id, document_id, id);

-- One-time codes of a drawn sample: only a hash of each code; `used` is set when a code opens a
-- response, with nothing that links the two. The sample frame's stratum (area, age group, sex),
-- when given, is copied to the response it opens (for weighting), never the code.
CREATE TABLE survey_codes (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id   uuid NOT NULL,
  code_hash   text NOT NULL,
  used        boolean NOT NULL DEFAULT false,
  area_id     uuid,
  age_group   text,
  sex         text,
  created_at  date NOT NULL DEFAULT current_date,
  updated_at  date NOT NULL DEFAULT current_date,
  PRIMARY KEY (survey_id, code_hash),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id)
);
CREATE INDEX survey_codes_tenant_idx ON survey_codes (tenant_id, survey_id, used);

-- An anonymous response (web or keyed in from paper). Dates only, no time of day; resume_hash is
-- the hash of the respondent's continuation token while answering, cleared on submit.
CREATE TABLE survey_responses (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id    uuid NOT NULL,
  area_id      uuid,
  age_group    text,
  sex          text,
  -- true: area, age group and sex came from the sample frame with a one-time code (kept for
  -- weighting); false: taken from the respondent's answers.
  from_frame   boolean NOT NULL DEFAULT false,
  lang         text NOT NULL CHECK (lang IN ('sv', 'en', 'ar', 'so', 'fi', 'fa')),
  channel      text NOT NULL CHECK (channel IN ('webb', 'papper')),
  complete     boolean NOT NULL DEFAULT false,
  resume_hash  text UNIQUE,
  answered_on  date NOT NULL,
  created_at   date NOT NULL DEFAULT current_date,
  updated_at   date NOT NULL DEFAULT current_date,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id)
);
CREATE INDEX survey_responses_survey_idx ON survey_responses (tenant_id, survey_id, area_id);

-- One row per answered item; a multiple-choice item has one row per chosen option and one row
-- with option_key NULL (value_num = number of options chosen) that marks the respondent.
-- area_id, age_group and sex repeat the response's (kept equal by the repository whenever the
-- response's change), so aggregating needs no join: one GROUP BY over the round's answers.
CREATE TABLE survey_answers (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id    uuid NOT NULL,
  response_id  uuid NOT NULL,
  area_id      uuid,
  age_group    text,
  sex          text,
  item_key     text NOT NULL,
  option_key   text,
  value_num    double precision,
  value_text   text CHECK (value_text IS NULL OR length(value_text) <= 4000),
  created_at   date NOT NULL DEFAULT current_date,
  updated_at   date NOT NULL DEFAULT current_date,
  FOREIGN KEY (tenant_id, response_id) REFERENCES survey_responses (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id),
  UNIQUE NULLS NOT DISTINCT (response_id, item_key, option_key)
);
CREATE INDEX survey_answers_survey_idx ON survey_answers (tenant_id, survey_id);
-- The aggregate groups by these columns together. Without this the planner multiplies their
-- distinct counts (~90 000 groups for ~7 000 real ones), sorts on disk instead of hashing, and a
-- round of 200 000 answers takes seconds instead of a fraction of one (bench/surveys).
CREATE STATISTICS survey_answers_cells_stats (ndistinct) ON area_id, age_group, sex, item_key, option_key FROM survey_answers;

-- The stored aggregate of a round (counts per area × age group × sex × item × option), made when
-- the round closes or on request: public pages, the PDF and the CSV read only these.
CREATE TABLE survey_result_cells (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id   uuid NOT NULL,
  area_id     uuid,
  age_group   text,
  sex         text,
  item_key    text NOT NULL,
  option_key  text,
  n           int NOT NULL,
  sum_num     double precision,
  sumsq_num   double precision,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id)
);
CREATE INDEX survey_result_cells_idx ON survey_result_cells (tenant_id, survey_id);

-- Respondents per stratum of a round (the same aggregate, counted per response).
CREATE TABLE survey_result_strata (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  survey_id   uuid NOT NULL,
  area_id     uuid,
  age_group   text,
  sex         text,
  responses   int NOT NULL,
  complete    int NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id)
);
CREATE INDEX survey_result_strata_idx ON survey_result_strata (tenant_id, survey_id);

-- An imported file: the police's official survey results or reported-crime statistics (Brå).
CREATE TABLE survey_imports (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('officiella', 'brottsstatistik')),
  filename    text NOT NULL,
  source      text NOT NULL DEFAULT '',
  row_count   int NOT NULL,
  created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX survey_imports_tenant_idx ON survey_imports (tenant_id, kind, created_at DESC);

-- Official results as published by the police (area NULL = the whole municipality). A later
-- import of the same year, area and item replaces the value.
CREATE TABLE survey_official_results (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  import_id    uuid NOT NULL,
  year         int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  area_id      uuid,
  item_key     text NOT NULL,
  index_value  numeric(4, 2) CHECK (index_value IS NULL OR index_value BETWEEN 0 AND 6),
  share        numeric(5, 2) CHECK (share IS NULL OR share BETWEEN 0 AND 100),
  n            int CHECK (n IS NULL OR n >= 0),
  colour       text CHECK (colour IS NULL OR colour IN ('gron', 'gul', 'rod')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (index_value IS NOT NULL OR share IS NOT NULL),
  UNIQUE NULLS NOT DISTINCT (tenant_id, year, area_id, item_key),
  FOREIGN KEY (tenant_id, import_id) REFERENCES survey_imports (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE
);

-- Reported crime per year (Brå's statistics, usually for the whole municipality: area NULL).
CREATE TABLE survey_crime_stats (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  import_id   uuid NOT NULL,
  year        int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  area_id     uuid,
  category    text NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
  count       int NOT NULL CHECK (count >= 0),
  per_100k    numeric(10, 1) CHECK (per_100k IS NULL OR per_100k >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (tenant_id, year, area_id, category),
  FOREIGN KEY (tenant_id, import_id) REFERENCES survey_imports (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE
);

-- A survey item named as the indicator of a promise (by the promise's lineage, so the indicator
-- follows the promise into new versions of its document). area NULL = the whole municipality.
CREATE TABLE survey_indicators (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  promise_lineage_id  uuid NOT NULL,
  item_key            text NOT NULL,
  area_id             uuid,
  created_by          uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, promise_lineage_id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE
);
