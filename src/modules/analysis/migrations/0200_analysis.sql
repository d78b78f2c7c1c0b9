-- Hot spot analysis (src/modules/analysis): uploaded incident sets and analysis runs. Both are
-- tenant-owned and staff-only; EST data is about places and situations, never people.
--
-- analysis_datasets: an uploaded CSV of incidents (lat, lon[, ts][, category]); the bytes live in
-- the file storage (files row), the row keeps what the form needs to offer it again.
-- analysis_runs: one computation with its parameters, what was read and skipped, the step
-- timings, and the result as compact JSON of the significant (hot and cold) cells only.
-- A run is inserted as 'running' before the computation starts and completed ('done') or marked
-- 'failed' with the reason afterwards.

CREATE TABLE analysis_datasets (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  file_id       uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  filename      text NOT NULL,
  size_bytes    bigint NOT NULL,
  row_count     int NOT NULL CHECK (row_count >= 0),
  has_ts        boolean NOT NULL DEFAULT false,
  -- distinct categories seen in the file (at most 100), ["klotter", "skadegörelse", …]
  categories    jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_datasets_tenant_idx ON analysis_datasets (tenant_id, created_at DESC);

CREATE TABLE analysis_runs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind          text NOT NULL DEFAULT 'hotspots' CHECK (kind IN ('hotspots')),
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  -- where the incidents came from: 'upload' | 'dataset' | 'api'
  source        text NOT NULL CHECK (source IN ('upload', 'dataset', 'api')),
  dataset_id    uuid REFERENCES analysis_datasets(id) ON DELETE SET NULL,
  label         text NOT NULL DEFAULT '',
  -- {cellSize, band, boundaryOnly, categories, emerging, statistic, classifyBy}
  parameters    jsonb NOT NULL,
  -- {rows, used, filtered, outside, skipped: {count, first, badRows, badCoordinates, badTimestamps}}
  input_report  jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- {cells, hot99, hot95, hot90, ns, cold90, cold95, cold99}
  counts        jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- milliseconds per step, and where the computation ran ('worker' | 'inline')
  timings       jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- {cells: {ix: [], iy: [], count: [], z: [], p: [], q: [], cls: []}, truncated}
  results       jsonb,
  -- emerging hot spots when asked for and the data has timestamps:
  -- {weeks, firstWeek, lastWeek, cells: {ix, iy, count, pattern, hot, cold, tau, trendP}, truncated}
  emerging      jsonb,
  error         text,
  created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
  finished_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_runs_tenant_idx ON analysis_runs (tenant_id, created_at DESC);
