-- Rate limits shared by every instance (decision 0040). @fastify/rate-limit counted requests in
-- each process's memory, so N instances behind a load balancer allowed N times the limit; the
-- counters now live here, one row per route and client address, in fixed windows that the
-- database's clock opens and closes (src/platform/http/rate-limit-store.ts). Not tenant-owned:
-- the key names a route and a client, never a person. Rows past their window are pruned.
CREATE TABLE rate_limits (
  key          text PRIMARY KEY,
  hits         int NOT NULL,
  window_ends  timestamptz NOT NULL
);
CREATE INDEX rate_limits_window_ends_idx ON rate_limits (window_ends);
