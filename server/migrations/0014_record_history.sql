-- Record history (issue 6, supervision): every version of every trading and approval record, kept
-- by the database itself whichever code path writes, so that a supervisor can read any record's
-- full history and a tender as it stood at any past time. Never edit once released.
--
-- Who made a change and when is not guessed here. Each writing transaction gets a change id (from a
-- sequence, so that ids stay unique across a dump and restore, unlike PostgreSQL's transaction
-- ids); each version and each audit log entry carries the change id of its transaction. A version
-- is read with the audit entries of its change that name its subject: their actor, action and time
-- (the platform's clock). A version whose change wrote no audit entry at all is a state change that
-- was not audited: the cross-process tests look for them after every run.
--
-- Secrets are left out of the copies: password hashes, sealed shares, panel and review seed
-- secrets, bid envelopes (ciphertext), attachment contents. The copies are a convenience for
-- reading, not evidence: the audit log (hashed, checkpointed) is the evidence.

CREATE SEQUENCE change_ids;

-- The change id of the current transaction: drawn at its first call, then kept in a setting local
-- to the transaction (a savepoint rolled back takes the setting with its rows, so the rows that
-- stay always share one id).
CREATE FUNCTION current_change_id() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  id text := current_setting('gongping.change_id', true);
BEGIN
  IF id IS NULL OR id = '' THEN
    id := nextval('change_ids')::text;
    PERFORM set_config('gongping.change_id', id, true);
  END IF;
  RETURN id::bigint;
END;
$$;

ALTER TABLE audit_log ADD COLUMN change_id bigint;
ALTER TABLE audit_log ALTER COLUMN change_id SET DEFAULT current_change_id();
CREATE INDEX audit_log_by_change ON audit_log (change_id);

CREATE TABLE record_versions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_type text        NOT NULL,  -- the table
  record_key  text        NOT NULL,  -- its primary key's values, joined with '/'
  subject     text        NOT NULL,  -- what the record belongs to: 'tender', 'application', ...
  subject_key text        NOT NULL,  -- that subject's row id
  -- 'baseline': the row as it stood when this migration ran (its earlier history is in the log)
  operation   text        NOT NULL CHECK (operation IN ('baseline', 'insert', 'update', 'delete')),
  row_data    jsonb       NOT NULL,  -- the row after the change (before it, for a delete)
  change_id   bigint      NOT NULL DEFAULT current_change_id(),
  changed_at  timestamptz NOT NULL DEFAULT clock_timestamp()  -- the database's clock
);
CREATE INDEX record_versions_by_subject ON record_versions (subject, subject_key, id);
CREATE INDEX record_versions_by_change ON record_versions (change_id);

-- What a row belongs to: the subject named by the trigger's arguments, except for rows whose
-- subject is one step away (a bid's origins and credentials belong to its tender; an enterprise's
-- account to the enterprise).
CREATE FUNCTION record_subject(table_name text, full_row jsonb, subject text, subject_column text,
                               OUT subject_name text, OUT subject_key text) LANGUAGE plpgsql AS $$
BEGIN
  subject_name := subject;
  subject_key := full_row ->> subject_column;
  IF table_name IN ('bid_origins', 'bid_credentials') THEN
    SELECT 'tender', b.tender_id::text INTO subject_name, subject_key FROM bids b WHERE b.id = (full_row ->> 'bid_id')::bigint;
  ELSIF table_name = 'accounts' AND full_row ->> 'enterprise_id' IS NOT NULL THEN
    subject_name := 'enterprise';
    subject_key := full_row ->> 'enterprise_id';
  END IF;
END;
$$;

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
  owner_name  text;
  owner_key   text;
BEGIN
  IF TG_OP = 'DELETE' THEN full_row := to_jsonb(OLD); ELSE full_row := to_jsonb(NEW); END IF;
  kept := full_row - left_out;
  IF TG_OP = 'UPDATE' AND kept = to_jsonb(OLD) - left_out THEN
    RETURN NULL;
  END IF;
  SELECT string_agg(full_row ->> c, '/' ORDER BY n) INTO record_key
    FROM unnest(key_columns) WITH ORDINALITY AS k(c, n);
  SELECT s.subject_name, s.subject_key INTO owner_name, owner_key
    FROM record_subject(TG_TABLE_NAME, full_row, TG_ARGV[2], TG_ARGV[3]) s;
  INSERT INTO record_versions (record_type, record_key, subject, subject_key, operation, row_data)
    VALUES (TG_TABLE_NAME, record_key, owner_name, owner_key, lower(TG_OP), kept);
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
      ('bid_credentials', '{bid_id,credential_id}', '{}', 'tender', 'bid_id'),
      ('bid_origins', '{bid_id}', '{}', 'tender', 'bid_id'),
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
    -- The rows already there become their records' baseline versions.
    EXECUTE format('INSERT INTO record_versions (record_type, record_key, subject, subject_key, operation, row_data) '
                   'SELECT %L, (SELECT string_agg(to_jsonb(r) ->> c, ''/'' ORDER BY n) FROM unnest(CAST(%L AS text[])) '
                   'WITH ORDINALITY AS k(c, n)), s.subject_name, s.subject_key, ''baseline'', '
                   'to_jsonb(r) - CAST(%L AS text[]) FROM %I r, LATERAL record_subject(%L, to_jsonb(r), %L, %L) s',
                   t.table_name, t.key_columns, t.left_out, t.table_name, t.table_name, t.subject, t.subject_column);
  END LOOP;
END;
$$;

-- Uploads are working files until they complete (chunks arrive, unfinished ones are cleared away):
-- a tender document or a bid attachment becomes a record when its upload completes, with its hash.
CREATE TRIGGER uploads_keep_versions AFTER UPDATE OF completed_at ON uploads FOR EACH ROW
  WHEN (OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL)
  EXECUTE FUNCTION keep_record_version('{id}', '{bytes}', 'tender', 'tender_id');
INSERT INTO record_versions (record_type, record_key, subject, subject_key, operation, row_data)
  SELECT 'uploads', u.id::text, 'tender', u.tender_id::text, 'baseline', to_jsonb(u) - 'bytes'
  FROM uploads u WHERE u.completed_at IS NOT NULL;

-- The public id of a row, as accounts::format_public_id writes it: "E-000042", "U-1234567".
CREATE FUNCTION public_id(prefix text, id bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT prefix || '-' || CASE WHEN id < 1000000 THEN lpad(id::text, 6, '0') ELSE id::text END
$$;

-- Nobody changes or removes a version.
CREATE TRIGGER record_versions_no_update_or_delete BEFORE UPDATE OR DELETE ON record_versions
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER record_versions_no_truncate BEFORE TRUNCATE ON record_versions
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON record_versions FROM PUBLIC, CURRENT_USER;
