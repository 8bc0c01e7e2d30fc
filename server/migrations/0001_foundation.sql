-- Accounts, enterprises, sessions, login throttling and the first version of the audit log.
-- Applied by gp::server::Migrator inside one transaction; never edit once released (the migrator
-- refuses a changed, already-applied file). Times are timestamptz (UTC, microseconds).

CREATE TABLE enterprises (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text        NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  uscc          text        NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'),
  contact_name  text        NOT NULL,
  contact_phone text        NOT NULL,
  contact_email text        NOT NULL,
  created_at    timestamptz NOT NULL
);

CREATE TABLE accounts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login         text        NOT NULL CHECK (length(login) BETWEEN 3 AND 64),
  role          text        NOT NULL CHECK (role IN ('enterprise', 'official', 'expert', 'supervisor',
                                                     'department', 'reviewer', 'admin')),
  display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  password_hash text        NOT NULL,
  enterprise_id bigint      REFERENCES enterprises (id),
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz,
  CHECK ((role = 'enterprise') = (enterprise_id IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_login_key ON accounts (lower(login));

-- A session is known only by the SHA-256 of its token; the token itself is never stored.
CREATE TABLE sessions (
  token_sha256 bytea       PRIMARY KEY CHECK (length(token_sha256) = 32),
  account_id   bigint      NOT NULL REFERENCES accounts (id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE login_failures (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login   text        NOT NULL,
  address text        NOT NULL,
  at      timestamptz NOT NULL
);
CREATE INDEX login_failures_by_login ON login_failures (lower(login), at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);

-- specs/audit-log.md: entries are stored byte for byte as hashed; indices start at 0 and have no
-- gaps (audit_head hands them out under a row lock held until the appending transaction ends).
CREATE TABLE audit_log (
  idx       bigint PRIMARY KEY CHECK (idx >= 0),
  entry     text   NOT NULL,
  leaf_hash bytea  NOT NULL CHECK (length(leaf_hash) = 32)
);

CREATE TABLE audit_head (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  next_index bigint  NOT NULL
);
INSERT INTO audit_head VALUES (true, 0);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
