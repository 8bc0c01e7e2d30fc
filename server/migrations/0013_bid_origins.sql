-- Where each bid came from (issue 6, collusion indicators): the client's address and the device
-- fingerprint its browser sent (header Gp-Device). Shown to supervisors only, once the bids are
-- opened. Never edit once released.

CREATE TABLE bid_origins (
  bid_id         bigint PRIMARY KEY REFERENCES bids (id),
  remote_address text   NOT NULL,
  device         text   CHECK (length(device) BETWEEN 1 AND 128)
);
