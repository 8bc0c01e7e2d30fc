-- The award (issue 4): the winner chosen from the signed-off ranking, its publicity, objections
-- raised during it, the award notice and the contract. Never edit once released.

CREATE TABLE awards (
  tender_id            bigint      PRIMARY KEY REFERENCES tenders (id),
  winner_enterprise_id bigint      NOT NULL REFERENCES enterprises (id),
  recommended          text[]      NOT NULL,  -- enterprise public ids the ranking recommended
  deviation_reason     text,                  -- required when the winner is not recommended
  announced_at         timestamptz NOT NULL,
  publicity_ends_at    timestamptz NOT NULL,
  notice_at            timestamptz,
  audit_index          bigint      NOT NULL
);

CREATE TABLE award_objections (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id     bigint      NOT NULL REFERENCES awards (tender_id),
  enterprise_id bigint      NOT NULL REFERENCES enterprises (id),
  objection     text        NOT NULL CHECK (length(objection) BETWEEN 1 AND 4000),
  raised_at     timestamptz NOT NULL,
  answer        text,
  answered_at   timestamptz
);
CREATE INDEX award_objections_by_tender ON award_objections (tender_id, id);

CREATE TABLE contracts (
  tender_id   bigint      PRIMARY KEY REFERENCES awards (tender_id),
  signed_at   timestamptz NOT NULL,
  amount_fen  bigint      NOT NULL CHECK (amount_fen > 0),
  recorded_at timestamptz NOT NULL,
  audit_index bigint      NOT NULL
);
