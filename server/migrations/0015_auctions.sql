-- Live auctions (issue 8): ascending auctions of land-use rights and state property, and reverse
-- auctions that end a procurement. The engine decides every bid; this is the record: the terms
-- (the reserve included, shown to officials and supervisors only until the end), the bidders
-- registered with a confirmed deposit, and every accepted bid, stored before the bidder hears it
-- was accepted. Together they are the auction's transcript (docs/auction-transcript.md). Never edit
-- once released.

CREATE TABLE auctions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id   text        NOT NULL UNIQUE,  -- "AU-000001"
  kind        text        NOT NULL CHECK (kind IN ('english', 'reverse')),
  title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 600),
  description text        NOT NULL DEFAULT '',
  created_by  bigint      NOT NULL REFERENCES accounts (id),
  -- scheduled: open in the engine; won, failed (ascending) or ended (reverse): decided.
  state       text        NOT NULL CHECK (state IN ('scheduled', 'won', 'failed', 'ended')),
  terms       text        NOT NULL,  -- the engine's open_auction body (docs/engine-protocol.md)
  deposit_fen bigint      NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
  starts_at   timestamptz NOT NULL,
  created_at  timestamptz NOT NULL,
  -- Once decided: the winner (null when it failed), the price, when it ended.
  winner_enterprise_id bigint REFERENCES enterprises (id),
  winning_price_fen    bigint,
  ended_at             timestamptz,
  CHECK ((state = 'scheduled') = (ended_at IS NULL))
);
CREATE INDEX auctions_scheduled ON auctions (id) WHERE state = 'scheduled';

-- Ascending auctions: an enterprise asks to bid, naming its deposit's transfer; the auction's author
-- confirms the deposit received, and only then is the enterprise a bidder.
CREATE TABLE auction_registrations (
  auction_id         bigint      NOT NULL REFERENCES auctions (id),
  enterprise_id      bigint      NOT NULL REFERENCES enterprises (id),
  deposit_reference  text        NOT NULL CHECK (length(deposit_reference) BETWEEN 1 AND 100),
  requested_at       timestamptz NOT NULL,
  confirmed_by       bigint      REFERENCES accounts (id),
  confirmed_at       timestamptz,  -- the instant the engine registered the bidder at
  PRIMARY KEY (auction_id, enterprise_id),
  CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL))
);

-- Every accepted bid (and reverse-auction pass), numbered as the engine accepted them.
CREATE TABLE auction_bids (
  auction_id      bigint      NOT NULL REFERENCES auctions (id),
  seq             integer     NOT NULL CHECK (seq >= 1),
  enterprise_id   bigint      NOT NULL REFERENCES enterprises (id),
  price_fen       bigint      NOT NULL CHECK (price_fen >= 1),
  pass            boolean     NOT NULL,
  idempotency_key text        NOT NULL,
  at              timestamptz NOT NULL,
  audit_index     bigint      NOT NULL,
  PRIMARY KEY (auction_id, seq),
  UNIQUE (auction_id, idempotency_key)
);

-- Every version of the auction's records, for supervisors (migration 0014's record history): each
-- change with the audit entries of its transaction.
CREATE TRIGGER auctions_keep_versions AFTER INSERT OR UPDATE OR DELETE ON auctions FOR EACH ROW
  EXECUTE FUNCTION keep_record_version('{id}', '{}', 'auction', 'id');
CREATE TRIGGER auction_registrations_keep_versions AFTER INSERT OR UPDATE OR DELETE ON auction_registrations
  FOR EACH ROW EXECUTE FUNCTION keep_record_version('{auction_id,enterprise_id}', '{}', 'auction', 'auction_id');
CREATE TRIGGER auction_bids_keep_versions AFTER INSERT OR UPDATE OR DELETE ON auction_bids FOR EACH ROW
  EXECUTE FUNCTION keep_record_version('{auction_id,seq}', '{}', 'auction', 'auction_id');
