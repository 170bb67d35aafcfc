-- What V10 copied to list_row leaves recipient, with its index.
DROP INDEX recipient_address;
ALTER TABLE recipient DROP COLUMN address;
ALTER TABLE recipient DROP COLUMN fields;
