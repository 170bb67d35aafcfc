-- A run held for an operator's review (SPEC section 22): WAITING from its upload until Send,
-- GIVEN once sent; NULL for a run that starts at once. Its job loads the list, then stops at the
-- review gate (the run READY) until Send restarts it at the send step.
ALTER TABLE campaign_run ADD COLUMN review VARCHAR(10) NULL;
