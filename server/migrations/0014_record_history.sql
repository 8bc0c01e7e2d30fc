-- Record history (issue 6, supervision): every version of every trading and approval record, kept
-- by the database itself whichever code path writes, so that a supervisor can read any record's
-- full history and a tender as it stood at any past time. Never edit once released.
--
-- Who made a change and when is not guessed here: each version carries the id of the transaction
-- that wrote it, and so does each audit log entry (the column below), so a version is joined to the
-- audit entries of its own transaction: their actor, action and time (the platform's clock). A
-- version without such an entry is a state change that was not audited; the cross-process tests
-- look for them after every run.
--
-- Secrets are left out of the copies: password hashes, sealed shares, panel and review seed
-- secrets, bid envelopes (ciphertext), attachment contents.

ALTER TABLE audit_log ADD COLUMN xact bigint;
ALTER TABLE audit_log ALTER COLUMN xact SET DEFAULT pg_current_xact_id()::text::bigint;
CREATE INDEX audit_log_by_xact ON audit_log (xact);

CREATE TABLE record_versions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_type text        NOT NULL,  -- the table
  record_key  text        NOT NULL,  -- its primary key's values, joined with '/'
  subject     text        NOT NULL,  -- what the record belongs to: 'tender', 'application', ...
  subject_key text        NOT NULL,  -- that subject's row id
  operation   text        NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  row_data    jsonb       NOT NULL,  -- the row after the change (before it, for a delete)
  xact        bigint      NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
  changed_at  timestamptz NOT NULL DEFAULT clock_timestamp()  -- the database's clock
);
CREATE INDEX record_versions_by_subject ON record_versions (subject, subject_key, id);
CREATE INDEX record_versions_by_xact ON record_versions (xact);

-- keep_record_version(key columns, left-out columns, subject, subject column): the columns as text
-- arrays ('{tender_id,position}'); the subject is what a supervisor asks the history of ('tender'),
-- found by the row's subject column ('tender_id'). An update that changes only left-out columns
-- keeps no version.
CREATE FUNCTION keep_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key_columns text[] := TG_ARGV[0]::text[];
  left_out    text[] := TG_ARGV[1]::text[];
  full_row    jsonb;
  kept        jsonb;
  record_key  text;
BEGIN
  IF TG_OP = 'DELETE' THEN full_row := to_jsonb(OLD); ELSE full_row := to_jsonb(NEW); END IF;
  kept := full_row - left_out;
  IF TG_OP = 'UPDATE' AND kept = to_jsonb(OLD) - left_out THEN
    RETURN NULL;
  END IF;
  SELECT string_agg(full_row ->> c, '/' ORDER BY n) INTO record_key
    FROM unnest(key_columns) WITH ORDINALITY AS k(c, n);
  INSERT INTO record_versions (record_type, record_key, subject, subject_key, operation, row_data)
    VALUES (TG_TABLE_NAME, record_key, TG_ARGV[2], full_row ->> TG_ARGV[3], lower(TG_OP), kept);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('accounts', '{id}', '{password_hash}', 'account', 'id'),
      ('enterprises', '{id}', '{}', 'enterprise', 'id'),
      ('enterprise_credentials', '{id}', '{}', 'enterprise', 'enterprise_id'),
      ('officer_keys', '{account_id}', '{}', 'account', 'account_id'),
      ('tenders', '{id}', '{panel_secret}', 'tender', 'id'),
      ('tender_officers', '{tender_id,position}', '{sealed_share}', 'tender', 'tender_id'),
      ('tender_amendments', '{id}', '{}', 'tender', 'tender_id'),
      ('tender_questions', '{id}', '{}', 'tender', 'tender_id'),
      ('bids', '{id}', '{envelope}', 'tender', 'tender_id'),
      ('bid_credentials', '{bid_id,credential_id}', '{}', 'bid', 'bid_id'),
      ('bid_origins', '{bid_id}', '{}', 'bid', 'bid_id'),
      ('openings', '{tender_id}', '{}', 'tender', 'tender_id'),
      ('opened_bids', '{tender_id,enterprise_id}', '{}', 'tender', 'tender_id'),
      ('opening_responses', '{id}', '{}', 'tender', 'tender_id'),
      ('expert_profiles', '{account_id}', '{}', 'account', 'account_id'),
      ('expert_employments', '{account_id,enterprise_id,started_at}', '{}', 'account', 'account_id'),
      ('expert_interests', '{account_id,enterprise_id}', '{}', 'account', 'account_id'),
      ('expert_departments', '{account_id,department}', '{}', 'account', 'account_id'),
      ('panels', '{tender_id}', '{}', 'tender', 'tender_id'),
      ('panel_members', '{tender_id,account_id}', '{}', 'tender', 'tender_id'),
      ('evaluations', '{tender_id}', '{room_case,engine_stale}', 'tender', 'tender_id'),
      ('evaluation_scores', '{tender_id,expert_id,bidder,criterion}', '{}', 'tender', 'tender_id'),
      ('evaluation_signoffs', '{tender_id,account_id}', '{}', 'tender', 'tender_id'),
      ('awards', '{tender_id}', '{}', 'tender', 'tender_id'),
      ('award_objections', '{id}', '{}', 'tender', 'tender_id'),
      ('contracts', '{tender_id}', '{}', 'tender', 'tender_id'),
      ('registry_systems', '{id}', '{}', 'registry_system', 'id'),
      ('catalogue_resources', '{id}', '{}', 'catalogue_resource', 'id'),
      ('applications', '{id}', '{review_secret}', 'application', 'id'),
      ('application_versions', '{application_id,version}', '{}', 'application', 'application_id'),
      ('application_attachments', '{application_id,version,kind}', '{content}', 'application', 'application_id'),
      ('application_steps', '{id}', '{}', 'application', 'application_id'),
      ('duplicate_resolutions', '{application_id,version,match_id}', '{}', 'application', 'application_id'),
      ('application_panel_members', '{application_id,version,account_id}', '{}', 'application', 'application_id'),
      ('application_reviews', '{application_id,version,account_id}', '{}', 'application', 'application_id'),
      ('project_purchasers', '{application_id,account_id}', '{}', 'application', 'application_id'),
      ('monitoring_cases', '{id}', '{}', 'case', 'id'),
      ('monitoring_events', '{id}', '{}', 'case', 'case_id')
    ) AS v(table_name, key_columns, left_out, subject, subject_column)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW '
                   'EXECUTE FUNCTION keep_record_version(%L, %L, %L, %L)', t.table_name || '_keep_versions',
                   t.table_name, t.key_columns, t.left_out, t.subject, t.subject_column);
  END LOOP;
END;
$$;

-- The public id of a row, as accounts::format_public_id writes it: "E-000042", "U-1234567".
CREATE FUNCTION public_id(prefix text, id bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT prefix || '-' || CASE WHEN id < 1000000 THEN lpad(id::text, 6, '0') ELSE id::text END
$$;

-- The history is evidence like the log: nobody changes or removes it.
CREATE TRIGGER record_versions_no_update_or_delete BEFORE UPDATE OR DELETE ON record_versions
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER record_versions_no_truncate BEFORE TRUNCATE ON record_versions
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON record_versions FROM PUBLIC, CURRENT_USER;
