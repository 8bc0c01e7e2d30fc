-- The enterprise credential vault ("register once", issue 3) and which credentials each bid
-- version relies on. Never edit once released.

CREATE TABLE enterprise_credentials (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id bigint      NOT NULL REFERENCES enterprises (id),
  category      text        NOT NULL CHECK (category IN ('licence', 'qualification', 'personnel', 'bank_account')),
  kind          text        NOT NULL CHECK (kind ~ '^[a-z0-9_]{1,64}$'),
  title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  number        text        NOT NULL DEFAULT '',
  valid_until   timestamptz,
  created_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX enterprise_credentials_by_owner ON enterprise_credentials (enterprise_id, id);

CREATE TABLE bid_credentials (
  bid_id        bigint NOT NULL REFERENCES bids (id),
  credential_id bigint NOT NULL REFERENCES enterprise_credentials (id),
  PRIMARY KEY (bid_id, credential_id)
);
