-- Every change to a promise document, promise, responsible organisation, activity (and its
-- attachments) or follow-up verdict bumps the tenant's public version in the same transaction
-- (migrations/0006_public_versions.sql, decision 0015), so cached public pages, PDFs and open
-- data are never served stale.
CREATE TRIGGER promise_documents_public_version AFTER INSERT OR UPDATE OR DELETE ON promise_documents
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER promises_public_version AFTER INSERT OR UPDATE OR DELETE ON promises
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER promise_responsibles_public_version AFTER INSERT OR UPDATE OR DELETE ON promise_responsibles
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER promise_activities_public_version AFTER INSERT OR UPDATE OR DELETE ON promise_activities
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER promise_activity_files_public_version AFTER INSERT OR UPDATE OR DELETE ON promise_activity_files
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
