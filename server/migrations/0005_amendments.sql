-- Amendments, clarification questions and answers, and bidders' notifications (issue 3).
-- The asker of a question is kept for supervision only: no route shows it. Never edit once released.

CREATE TABLE tender_amendments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id       bigint      NOT NULL REFERENCES tenders (id),
  seq             integer     NOT NULL CHECK (seq >= 1),
  reason          text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  substantive     boolean     NOT NULL,
  diff            text        NOT NULL,  -- JSON array of {field, before, after}
  deadline_before timestamptz NOT NULL,
  deadline_after  timestamptz NOT NULL,
  published_at    timestamptz NOT NULL,
  audit_index     bigint      NOT NULL,
  UNIQUE (tender_id, seq)
);

CREATE TABLE tender_questions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender_id     bigint      NOT NULL REFERENCES tenders (id),
  enterprise_id bigint      NOT NULL REFERENCES enterprises (id),
  question      text        NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  asked_at      timestamptz NOT NULL,
  answer        text,
  substantive   boolean,
  answered_at   timestamptz,
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX tender_questions_by_tender ON tender_questions (tender_id, id);

CREATE TABLE notifications (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id bigint      NOT NULL REFERENCES enterprises (id),
  tender_id     bigint      NOT NULL REFERENCES tenders (id),
  kind          text        NOT NULL CHECK (kind IN ('amendment', 'clarification')),
  message       text        NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX notifications_by_enterprise ON notifications (enterprise_id, id DESC);
