-- Every change to what the public pages of walks show — a walk, its stops and invited
-- organisations, observations (categories, photos chosen for the protocol, re-walk follow-ups),
-- the action list and its dated changes, and the counts of sign-ups and viewpoints — bumps the
-- tenant's public version in the same transaction (migrations/0007_public_versions.sql, decision
-- 0015), so cached public pages, PDFs and API answers are never served stale.
CREATE TRIGGER walks_public_version AFTER INSERT OR UPDATE OR DELETE ON walks
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_stops_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_stops
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_invitations_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_invitations
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_signups_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_signups
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_viewpoints_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_viewpoints
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_observations_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_observations
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_actions_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_actions
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER walk_action_changes_public_version AFTER INSERT OR UPDATE OR DELETE ON walk_action_changes
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
