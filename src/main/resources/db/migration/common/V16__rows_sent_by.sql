-- Which process marked each row SENDING (host:pid): in a cluster, the worker that sent it, for
-- the report's messages per worker (SPEC section 14).
ALTER TABLE recipient ADD COLUMN sent_by VARCHAR(100) NULL;
