-- Every change to what the public outputs of residents' reports show — a report (its status,
-- visibility, category, position, routing), its public history, its photos and its +1s — bumps
-- the tenant's public version in the same transaction (migrations/0007_public_versions.sql,
-- decisions 0015 and 0024). The map layer, the Atom feed, the statistics and Open311's GET answers
-- are kept by the public-answer cache under that version, so they are never served stale: not
-- after a staff action, a resident's +1, the CLI, a job or plain SQL.
CREATE TRIGGER reports_public_version AFTER INSERT OR UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER report_updates_public_version AFTER INSERT OR UPDATE OR DELETE ON report_updates
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER report_photos_public_version AFTER INSERT OR UPDATE OR DELETE ON report_photos
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER report_supports_public_version AFTER INSERT OR UPDATE OR DELETE ON report_supports
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
-- Named places (module tenants) name where a report is in every public output; the foundation
-- does not version them yet. A separate name, so a later foundation trigger does not clash
-- (two bumps in one transaction cost nothing).
CREATE TRIGGER places_reports_public_version AFTER INSERT OR UPDATE OR DELETE ON places
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
