-- Supervision (issue 6): monitoring cases a supervisor opens on a tender or an application, the
-- freeze that stops its lifecycle until lifted, the questions asked and answered, and the
-- conclusion. Never edit once released.

CREATE TABLE monitoring_cases (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_type text        NOT NULL CHECK (subject_type IN ('tender', 'application')),
  subject_row  bigint      NOT NULL,  -- tenders.id or applications.id
  subject_id   text        NOT NULL,  -- the public id, as shown
  opened_by    bigint      NOT NULL REFERENCES accounts (id),
  reason       text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
  evidence     text        NOT NULL DEFAULT '',
  frozen       boolean     NOT NULL DEFAULT false,
  conclusion   text,
  opened_at    timestamptz NOT NULL,
  closed_at    timestamptz,
  CHECK ((closed_at IS NULL) = (conclusion IS NULL)),
  CHECK (closed_at IS NULL OR NOT frozen)
);
CREATE INDEX monitoring_cases_by_subject ON monitoring_cases (subject_type, subject_row);

-- Everything that happened in a case, in order.
CREATE TABLE monitoring_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint      NOT NULL REFERENCES monitoring_cases (id),
  kind        text        NOT NULL CHECK (kind IN ('opened', 'frozen', 'unfrozen', 'question', 'answer', 'closed')),
  text        text        NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  answers     bigint      REFERENCES monitoring_events (id),  -- for an answer: its question
  account_id  bigint      NOT NULL REFERENCES accounts (id),
  at          timestamptz NOT NULL,
  audit_index bigint      NOT NULL
);
CREATE INDEX monitoring_events_by_case ON monitoring_events (case_id, id);

-- A frozen subject takes no step: every state change is refused here, whichever code path asks.
CREATE FUNCTION refuse_frozen_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  frozen_case bigint;
BEGIN
  IF NEW.state IS DISTINCT FROM OLD.state THEN
    SELECT id INTO frozen_case FROM monitoring_cases
      WHERE subject_type = TG_ARGV[0] AND subject_row = NEW.id AND frozen LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'GPF01', MESSAGE = 'frozen by monitoring case ' || frozen_case;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER tenders_refuse_frozen BEFORE UPDATE OF state ON tenders
  FOR EACH ROW EXECUTE FUNCTION refuse_frozen_transition('tender');
CREATE TRIGGER applications_refuse_frozen BEFORE UPDATE OF state ON applications
  FOR EACH ROW EXECUTE FUNCTION refuse_frozen_transition('application');
