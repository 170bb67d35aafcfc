-- A row's cells may hold up to 65,535 bytes (recipients.RowLimits); stored as JSON with their
-- column names and escapes they need more than TEXT's 65,535 bytes. H2's and PostgreSQL's TEXT
-- have no such limit.
ALTER TABLE list_row MODIFY fields MEDIUMTEXT NOT NULL;
