-- Tenant safety by construction (analysis): a dataset's file and a run's dataset belong to the
-- same tenant as the row that points at them — the keys reference (tenant_id, id) (see
-- migrations/0002_tenant_keys.sql and docs/decisions/0013). ON DELETE behaviour is unchanged;
-- SET NULL names its column so tenant_id is never nulled.

ALTER TABLE analysis_datasets ADD CONSTRAINT analysis_datasets_tenant_id_id_key UNIQUE (tenant_id, id);

-- Drop the single-column keys (found by table and column: their names are PostgreSQL's defaults).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.conrelid::regclass AS tbl, c.conname
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN (VALUES
      ('analysis_datasets', 'file_id'),
      ('analysis_runs', 'dataset_id')
    ) AS v (tbl, col) ON c.conrelid = v.tbl::regclass AND a.attname = v.col
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
  END LOOP;
END $$;

ALTER TABLE analysis_datasets
  ADD CONSTRAINT analysis_datasets_file_fkey FOREIGN KEY (tenant_id, file_id)
    REFERENCES files (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE analysis_runs
  ADD CONSTRAINT analysis_runs_dataset_fkey FOREIGN KEY (tenant_id, dataset_id)
    REFERENCES analysis_datasets (tenant_id, id) ON DELETE SET NULL (dataset_id);
