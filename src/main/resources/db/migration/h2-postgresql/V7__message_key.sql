-- Lookups by provider message id go through a BIGINT key (ledger/MessageKey.java says why);
-- V8 fills it in for the messages already recorded.
ALTER TABLE recipient ADD COLUMN message_key BIGINT NULL;
DROP INDEX recipient_provider_message;
CREATE INDEX recipient_message_key ON recipient (message_key);
