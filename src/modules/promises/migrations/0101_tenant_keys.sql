-- Tenant safety by construction (promises): every foreign key between the module's tables, and
-- to files and organisations, references (tenant_id, id), so a row can only point at rows of its
-- own tenant (see migrations/0002_tenant_keys.sql and docs/decisions/0013). ON DELETE behaviour
-- is unchanged; SET NULL names its column so tenant_id is never nulled.

-- Referenced keys.
ALTER TABLE promise_documents ADD CONSTRAINT promise_documents_tenant_id_id_key UNIQUE (tenant_id, id);
ALTER TABLE promises ADD CONSTRAINT promises_tenant_id_id_key UNIQUE (tenant_id, id);
ALTER TABLE promise_activities ADD CONSTRAINT promise_activities_tenant_id_id_key UNIQUE (tenant_id, id);

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
      ('promise_documents', 'supersedes_id'),
      ('promise_documents', 'superseded_by_id'),
      ('promise_documents', 'copied_from_id'),
      ('promises', 'document_id'),
      ('promise_responsibles', 'promise_id'),
      ('promise_responsibles', 'organisation_id'),
      ('promise_activities', 'promise_id'),
      ('promise_activity_files', 'activity_id'),
      ('promise_activity_files', 'file_id'),
      ('promise_document_events', 'document_id')
    ) AS v (tbl, col) ON c.conrelid = v.tbl::regclass AND a.attname = v.col
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
  END LOOP;
END $$;

ALTER TABLE promise_documents
  ADD CONSTRAINT promise_documents_supersedes_fkey FOREIGN KEY (tenant_id, supersedes_id)
    REFERENCES promise_documents (tenant_id, id) ON DELETE SET NULL (supersedes_id),
  ADD CONSTRAINT promise_documents_superseded_by_fkey FOREIGN KEY (tenant_id, superseded_by_id)
    REFERENCES promise_documents (tenant_id, id) ON DELETE SET NULL (superseded_by_id),
  ADD CONSTRAINT promise_documents_copied_from_fkey FOREIGN KEY (tenant_id, copied_from_id)
    REFERENCES promise_documents (tenant_id, id) ON DELETE SET NULL (copied_from_id);

ALTER TABLE promises
  ADD CONSTRAINT promises_document_fkey FOREIGN KEY (tenant_id, document_id)
    REFERENCES promise_documents (tenant_id, id) ON DELETE CASCADE;

-- A responsible organisation is one usable in the tenant: its own or a regional one serving it.
ALTER TABLE promise_responsibles
  ADD CONSTRAINT promise_responsibles_promise_fkey FOREIGN KEY (tenant_id, promise_id)
    REFERENCES promises (tenant_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT promise_responsibles_organisation_usable_fkey FOREIGN KEY (tenant_id, organisation_id)
    REFERENCES organisation_tenants (tenant_id, organisation_id) ON DELETE CASCADE;

ALTER TABLE promise_activities
  ADD CONSTRAINT promise_activities_promise_fkey FOREIGN KEY (tenant_id, promise_id)
    REFERENCES promises (tenant_id, id) ON DELETE CASCADE;
-- Deleting a promise finds its activities by this index (there was none on promise_id).
CREATE INDEX promise_activities_promise_idx ON promise_activities (tenant_id, promise_id);

ALTER TABLE promise_activity_files
  ADD CONSTRAINT promise_activity_files_activity_fkey FOREIGN KEY (tenant_id, activity_id)
    REFERENCES promise_activities (tenant_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT promise_activity_files_file_fkey FOREIGN KEY (tenant_id, file_id)
    REFERENCES files (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE promise_document_events
  ADD CONSTRAINT promise_document_events_document_fkey FOREIGN KEY (tenant_id, document_id)
    REFERENCES promise_documents (tenant_id, id) ON DELETE CASCADE;
