-- A relay's reply (250 2.0.0 Ok: queued as ...) and a bounce's diagnostic are longer than a provider's status word.
ALTER TABLE recipient MODIFY provider_status VARCHAR(255) NULL;
ALTER TABLE unmatched_message MODIFY provider_status VARCHAR(255) NULL;
