-- Indexes for the periodic clean-up of ended sessions and old login failures
-- (AccountService::prune), so that neither table grows without bound.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX login_failures_by_time ON login_failures (at);
