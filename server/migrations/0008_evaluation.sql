-- Evaluation (issue 4): the expert pool, the panel draw and its seed, evaluation rooms and their
-- scores, the panel's sign-off. Never edit once released.

-- The expert pool: specialties, employers (and companies directed or controlled), declared interests.
CREATE TABLE expert_profiles (
  account_id  bigint      PRIMARY KEY REFERENCES accounts (id),
  specialties text[]      NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE TABLE expert_employments (
  account_id    bigint      NOT NULL REFERENCES accounts (id),
  enterprise_id bigint      NOT NULL REFERENCES enterprises (id),
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX expert_employments_by_expert ON expert_employments (account_id);
CREATE TABLE expert_interests (
  account_id    bigint NOT NULL REFERENCES accounts (id),
  enterprise_id bigint NOT NULL REFERENCES enterprises (id),
  kind          text   NOT NULL CHECK (kind IN ('relative', 'stake', 'other')),
  PRIMARY KEY (account_id, enterprise_id)
);

-- The panel seed's secret, drawn at publication; its SHA-256 is in the publication's audit entry.
ALTER TABLE tenders ADD COLUMN panel_secret bytea CHECK (length(panel_secret) = 32);

CREATE TABLE panels (
  tender_id   bigint      PRIMARY KEY REFERENCES tenders (id),
  specialty   text        NOT NULL,
  size        int         NOT NULL CHECK (size >= 5 AND size % 2 = 1),
  seed        bytea       NOT NULL CHECK (length(seed) = 32),
  drawn_at    timestamptz NOT NULL,
  audit_index bigint      NOT NULL
);
CREATE TABLE panel_members (
  tender_id     bigint  NOT NULL REFERENCES panels (tender_id),
  account_id    bigint  NOT NULL REFERENCES accounts (id),
  kind          text    NOT NULL CHECK (kind IN ('expert', 'purchaser_representative')),
  draw_position int,    -- experts: their place in the draw order (0-based); representatives: null
  status        text    NOT NULL CHECK (status IN ('seated', 'reserve', 'declined')),
  chair         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tender_id, account_id)
);

CREATE TABLE evaluations (
  tender_id     bigint      PRIMARY KEY REFERENCES tenders (id),
  room_case     text        NOT NULL,  -- the evaluation case the room opened with (no scores)
  started_at    timestamptz NOT NULL,
  closed_at     timestamptz,
  result        text,                  -- the signed-off result document (specs/evaluation-case.md)
  result_sha256 bytea,
  -- A score was stored that the engine may not have: the room is rebuilt from here at the next call.
  engine_stale  boolean     NOT NULL DEFAULT false
);
CREATE TABLE evaluation_scores (
  tender_id    bigint      NOT NULL REFERENCES evaluations (tender_id),
  expert_id    bigint      NOT NULL REFERENCES accounts (id),
  bidder       text        NOT NULL,  -- the enterprise's public id, as in the case
  criterion    text        NOT NULL,
  score        text,                  -- the decimal as given; null once withdrawn
  updated_at   timestamptz NOT NULL,
  audit_index  bigint      NOT NULL,
  PRIMARY KEY (tender_id, expert_id, bidder, criterion)
);
CREATE TABLE evaluation_signoffs (
  tender_id   bigint      NOT NULL REFERENCES evaluations (tender_id),
  account_id  bigint      NOT NULL REFERENCES accounts (id),
  signed_at   timestamptz NOT NULL,
  audit_index bigint      NOT NULL,
  PRIMARY KEY (tender_id, account_id)
);
