-- A reverse auction that follows a tender's evaluation names that tender: its bidders and their
-- starting prices came from the tender's opening record (server/auctions/reverse_from_tender.hpp).
ALTER TABLE auctions ADD COLUMN tender_id bigint REFERENCES tenders (id);
