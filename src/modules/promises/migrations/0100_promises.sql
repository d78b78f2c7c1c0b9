-- Medborgarlöften (citizen promises): documents with their lägesbild findings, parties and
-- signatories; the promises in them with measurable targets; activities logged against a
-- promise; follow-up verdicts; and the lifecycle history. Every table is tenant-owned.
--
-- Versions: a published document is immutable. A change goes through a new draft in the same
-- series (series_id, revision + 1); when it is published the old one is archived and points to
-- it (superseded_by_id) but stays readable. Promises keep their lineage_id across versions, and
-- activities are counted per lineage, so progress carries over from one version to the next.
-- Optimistic locking: documents and promises carry a version number that every edit must send.

CREATE TABLE promise_documents (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  series_id             uuid NOT NULL,
  revision              int NOT NULL DEFAULT 1 CHECK (revision >= 1),
  supersedes_id         uuid REFERENCES promise_documents(id) ON DELETE SET NULL,
  superseded_by_id      uuid REFERENCES promise_documents(id) ON DELETE SET NULL,
  copied_from_id        uuid REFERENCES promise_documents(id) ON DELETE SET NULL,
  title                 text NOT NULL,
  valid_from            date NOT NULL,
  valid_to              date NOT NULL,
  introduction          text NOT NULL DEFAULT '',
  -- Value lists owned by the document and versioned with it (read and written whole):
  -- focus_areas ["trafikbrott", …]; parties [{key, name}]; findings [{text, source, ref_url}];
  -- signatories [{name, title, organisation, party, signed_on}].
  focus_areas           jsonb NOT NULL DEFAULT '[]'::jsonb,
  parties               jsonb NOT NULL DEFAULT '[]'::jsonb,
  findings              jsonb NOT NULL DEFAULT '[]'::jsonb,
  signatories           jsonb NOT NULL DEFAULT '[]'::jsonb,
  signing_place         text,
  signed_on             date,
  agreement_title       text,
  agreement_url         text,
  -- When only an excerpt is reproduced: how many promises the original document states.
  stated_promise_count  int CHECK (stated_promise_count IS NULL OR stated_promise_count >= 0),
  source_note           text,
  followup_summary      text,
  status                text NOT NULL DEFAULT 'utkast'
                        CHECK (status IN ('utkast', 'signerat', 'publicerat', 'uppfoljt', 'arkiverat')),
  published_at          timestamptz,
  version               int NOT NULL DEFAULT 1,
  created_by            uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to >= valid_from),
  UNIQUE (tenant_id, series_id, revision)
);
CREATE INDEX promise_documents_tenant_idx ON promise_documents (tenant_id, status, valid_from DESC);

CREATE TABLE promises (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  document_id         uuid NOT NULL REFERENCES promise_documents(id) ON DELETE CASCADE,
  lineage_id          uuid NOT NULL,
  position            int NOT NULL,
  text                text NOT NULL,
  -- polisen | kommunen | tillsammans | the key of another party of the document
  owner               text NOT NULL CHECK (owner ~ '^[a-z0-9-]{2,40}$'),
  focus_area          text,
  target_quantity     numeric(12, 2),
  target_unit         text,
  target_period       text CHECK (target_period IN ('month', 'quarter', 'year', 'validity')),
  -- NULL: the number of activities counts; otherwise the label of the outcome figure that counts.
  target_metric       text,
  planned_activities  text NOT NULL DEFAULT '',
  status              text NOT NULL DEFAULT 'planerad' CHECK (status IN ('planerad', 'pagar', 'genomford', 'installd')),
  verdict             text CHECK (verdict IN ('uppfyllt', 'delvis', 'ej_uppfyllt')),
  verdict_reason      text,
  verdict_suggested   text CHECK (verdict_suggested IN ('uppfyllt', 'delvis', 'ej_uppfyllt')),
  verdict_by          uuid REFERENCES users(id) ON DELETE SET NULL,
  verdict_at          timestamptz,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (target_quantity IS NULL AND target_unit IS NULL AND target_period IS NULL AND target_metric IS NULL)
    OR (target_quantity > 0 AND target_unit IS NOT NULL AND target_period IS NOT NULL)
  ),
  CHECK (verdict IS NULL OR verdict_reason IS NOT NULL)
);
CREATE INDEX promises_document_idx ON promises (tenant_id, document_id, position);
CREATE INDEX promises_lineage_idx ON promises (tenant_id, lineage_id);

-- Responsible organisations of a promise (the tenant's own or regional ones serving it).
CREATE TABLE promise_responsibles (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  promise_id       uuid NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (promise_id, organisation_id)
);
CREATE INDEX promise_responsibles_tenant_idx ON promise_responsibles (tenant_id, organisation_id);

CREATE TABLE promise_activities (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  promise_id   uuid NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
  lineage_id   uuid NOT NULL,
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  occurred_on  date NOT NULL,
  place_name   text,
  lat          double precision CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lon          double precision CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  -- Outcome figures in entry order: [{label, value}], e.g. [{"label": "kontrollerade fordon", "value": 45}]
  outcomes     jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX promise_activities_lineage_idx ON promise_activities (tenant_id, lineage_id, occurred_on);

CREATE TABLE promise_activity_files (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  activity_id  uuid NOT NULL REFERENCES promise_activities(id) ON DELETE CASCADE,
  file_id      uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (activity_id, file_id)
);
CREATE INDEX promise_activity_files_tenant_idx ON promise_activity_files (tenant_id, file_id);

-- Who did what when: created, edited, signed, published, followed up, archived …
CREATE TABLE promise_document_events (
  id           bigserial PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  document_id  uuid NOT NULL REFERENCES promise_documents(id) ON DELETE CASCADE,
  action       text NOT NULL,
  actor_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_name   text,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX promise_document_events_idx ON promise_document_events (tenant_id, document_id, id);
