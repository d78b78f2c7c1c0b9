-- Failed sign-ins per client address. The per-account lockout (users.failed_logins,
-- users.locked_until) stops guessing one account's password; this table stops one address from
-- trying many accounts, without revealing which of them exist. It lives in the database, not in
-- a process, so every instance behind a load balancer counts the same failures.
-- `client` is the client address as the server sees it (IPv4, or an IPv6 /64 prefix); rows are
-- not tenant-owned (sign-in happens before any tenant) and are pruned a day after their last use.
CREATE TABLE login_failures (
  client             text PRIMARY KEY,
  failures           int NOT NULL DEFAULT 0,
  window_started_at  timestamptz NOT NULL DEFAULT now(),
  blocked_until      timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_updated_at_idx ON login_failures (updated_at);
