-- A run that is computing says so every 20 s (heartbeat_at), so a run left 'running' by a process
-- that died (kill -9, power cut, out of memory) can be told from one another instance is still
-- computing: on start, and every minute, runs whose heartbeat is older than two minutes are marked
-- failed with error 'interrupted' (src/modules/analysis/stale.ts). On the embedded database the
-- starting process owns the data directory, so every 'running' run it finds is interrupted.
ALTER TABLE analysis_runs ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX analysis_runs_running_idx ON analysis_runs (heartbeat_at) WHERE status = 'running';
