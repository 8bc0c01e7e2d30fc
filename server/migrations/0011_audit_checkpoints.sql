-- Audit log checkpoints (issue 6; specs/audit-log.md "Checkpoints"): every checkpoint the platform
-- signed, kept for good, so that `gongping audit verify` can check the log against each of them and
-- anyone can ask for a consistency proof between two of them. Never edit once released.

CREATE TABLE audit_checkpoints (
  tree_size bigint      PRIMARY KEY CHECK (tree_size >= 0),
  root      bytea       NOT NULL CHECK (length(root) = 32),
  note      text        NOT NULL,  -- the C2SP signed note, byte for byte as served
  signed_at timestamptz NOT NULL
);

CREATE TRIGGER audit_checkpoints_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Beside the triggers, the server's own role loses the right to change or remove log rows: it may
-- only add and read them (an owner could grant the right back, but never does so in service).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_checkpoints FROM PUBLIC, CURRENT_USER;
