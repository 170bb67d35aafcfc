-- A relay's reply (250 2.0.0 Ok: queued as ...) and a bounce's diagnostic are longer than a provider's status word.
ALTER TABLE recipient ALTER COLUMN provider_status SET DATA TYPE VARCHAR(255);
ALTER TABLE unmatched_message ALTER COLUMN provider_status SET DATA TYPE VARCHAR(255);
