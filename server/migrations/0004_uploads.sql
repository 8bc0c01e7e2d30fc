-- Streamed uploads (issue 3): bidders' encrypted bid attachments and officials' tender documents.
-- An upload is stored in chunks as it arrives (bounded memory, any server instance can take the
-- next chunk's transaction); it counts only once completed, with the SHA-256 of all its bytes.
-- Never edit once released.

CREATE TABLE uploads (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text        NOT NULL CHECK (kind IN ('attachment', 'document')),
  tender_id     bigint      NOT NULL REFERENCES tenders (id),
  account_id    bigint      NOT NULL REFERENCES accounts (id),
  enterprise_id bigint      REFERENCES enterprises (id),
  name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  media_type    text        NOT NULL,
  bytes         bigint      NOT NULL DEFAULT 0,
  sha256        bytea CHECK (length(sha256) = 32),
  started_at    timestamptz NOT NULL,
  completed_at  timestamptz,
  CHECK ((kind = 'attachment') = (enterprise_id IS NOT NULL)),
  CHECK ((completed_at IS NULL) = (sha256 IS NULL))
);
CREATE INDEX uploads_by_tender ON uploads (tender_id, kind, enterprise_id) WHERE completed_at IS NOT NULL;
CREATE INDEX uploads_unfinished ON uploads (started_at) WHERE completed_at IS NULL;

CREATE TABLE upload_chunks (
  upload_id bigint  NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  seq       integer NOT NULL CHECK (seq >= 0),
  data      bytea   NOT NULL,
  PRIMARY KEY (upload_id, seq)
);
