-- Sealed envelopes are ciphertext in base64url: compressing them costs CPU at every insert and
-- saves little, so they are stored out of line uncompressed (issue 3, deadline-rush benchmark).
ALTER TABLE bids ALTER COLUMN envelope SET STORAGE EXTERNAL;
ALTER TABLE bids ALTER COLUMN receipt SET STORAGE EXTERNAL;
