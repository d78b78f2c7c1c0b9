-- The audit log is append-only by construction (decision 0045): a trigger refuses UPDATE, DELETE
-- and TRUNCATE on audit_log, on PostgreSQL and PGlite alike. Two controlled exceptions:
--  * rows of a tenant that is deleted go with it (the ON DELETE CASCADE from tenants), and
--  * the retention job (src/modules/privacy) removes rows older than the tenant's retention for
--    the audit log, inside a transaction that sets trygg.audit_retention = 'on' (SET LOCAL) and
--    logs what it removed as a new row.
-- The actor is kept as a plain id (no foreign key): an UPDATE … SET actor_id = NULL from a
-- deleted account would rewrite history. Accounts are disabled, not deleted.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_actor_id_fkey;

CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_tenant_action_idx ON audit_log (tenant_id, action, created_at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.tenant_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id) THEN
      RETURN OLD;
    END IF;
    IF current_setting('trygg.audit_retention', true) = 'on' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log tar bara emot nya rader (% nekas)', TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
