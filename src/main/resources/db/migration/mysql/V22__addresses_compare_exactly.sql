-- Addresses compare byte for byte, as on H2 and PostgreSQL. MariaDB's and MySQL's default collations
-- (utf8mb4_general_ci, utf8mb4_0900_ai_ci) ignore accents: 'pelé@example.com' and 'pele@example.com',
-- or 'ann@bücher.ch' and 'ann@bucher.ch', two people, were one value, so the second could not be
-- suppressed (the first's key) and a search for one found the other. The ledger keeps them lower-cased
-- and in Unicode NFC (recipients/AddressRules), so that nothing the collation did is needed.
ALTER TABLE suppression MODIFY address VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE list_row MODIFY address VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
ALTER TABLE sandbox_message MODIFY recipient VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
