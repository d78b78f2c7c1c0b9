-- Every change to what the survey's public answers show bumps the tenant's public version in the
-- same transaction (migrations/0007_public_versions.sql, decision 0015), so cached results pages,
-- trends, comparisons, PDFs, CSVs, the public API — and the promise pages that show a survey item
-- as an indicator — are never served stale, whoever makes the change (a route, the nightly job,
-- the demo seed or plain SQL).
--
-- Row triggers on the small tables: definitions (item texts, translations), rounds (status,
-- publication, aggregated_at), imports and indicators. Statement triggers on the tables written
-- in bulk — a round's aggregate is thousands of rows in one INSERT … SELECT, an import hundreds —
-- bump each tenant the statement touched once, not once per row.
-- Residents' responses, answers and one-time codes have no trigger: they are not public until
-- aggregated (which writes the tables above), and a bump per answer would serialise every
-- resident's submission on the tenant's counter row.

CREATE TRIGGER survey_definitions_public_version AFTER INSERT OR UPDATE OR DELETE ON survey_definitions
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER surveys_public_version AFTER INSERT OR UPDATE OR DELETE ON surveys
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER survey_imports_public_version AFTER INSERT OR UPDATE OR DELETE ON survey_imports
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');
CREATE TRIGGER survey_indicators_public_version AFTER INSERT OR UPDATE OR DELETE ON survey_indicators
  FOR EACH ROW EXECUTE FUNCTION trygg_public_change('tenant_id');

-- A statement's changed rows arrive as transition tables: `changed_new` (INSERT, UPDATE) and
-- `changed_old` (UPDATE, DELETE); each tenant among them is bumped once.
CREATE FUNCTION surveys_public_change_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR t IN SELECT DISTINCT tenant_id FROM changed_new LOOP
      PERFORM trygg_bump_public_version(t);
    END LOOP;
  ELSIF TG_OP = 'UPDATE' THEN
    FOR t IN SELECT tenant_id FROM changed_new UNION SELECT tenant_id FROM changed_old LOOP
      PERFORM trygg_bump_public_version(t);
    END LOOP;
  ELSE
    FOR t IN SELECT DISTINCT tenant_id FROM changed_old LOOP
      PERFORM trygg_bump_public_version(t);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER survey_result_cells_public_insert AFTER INSERT ON survey_result_cells
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_result_cells_public_update AFTER UPDATE ON survey_result_cells
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_result_cells_public_delete AFTER DELETE ON survey_result_cells
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();

CREATE TRIGGER survey_result_strata_public_insert AFTER INSERT ON survey_result_strata
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_result_strata_public_update AFTER UPDATE ON survey_result_strata
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_result_strata_public_delete AFTER DELETE ON survey_result_strata
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();

CREATE TRIGGER survey_official_results_public_insert AFTER INSERT ON survey_official_results
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_official_results_public_update AFTER UPDATE ON survey_official_results
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_official_results_public_delete AFTER DELETE ON survey_official_results
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();

CREATE TRIGGER survey_crime_stats_public_insert AFTER INSERT ON survey_crime_stats
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_crime_stats_public_update AFTER UPDATE ON survey_crime_stats
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
CREATE TRIGGER survey_crime_stats_public_delete AFTER DELETE ON survey_crime_stats
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION surveys_public_change_rows();
