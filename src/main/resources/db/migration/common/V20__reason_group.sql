-- A rejected row's reason without the row's own values (its address, a cell, an earlier row's
-- number), as the code that worded the reason marked them: the report counts rows by it (SPEC
-- section 22). NULL when the reason has no value of the row's own: it groups as written.
ALTER TABLE recipient ADD COLUMN reason_group VARCHAR(1000) NULL;
