-- AI calls that failed still burned tokens: they are logged with zero credits, no ledger row,
-- and the reason they failed.
ALTER TABLE credit_usage_logs ALTER COLUMN transaction_id DROP NOT NULL;
ALTER TABLE credit_usage_logs ADD COLUMN error text;
ALTER TABLE credit_usage_logs ADD CONSTRAINT credit_usage_logs_failed_is_free
    CHECK ((transaction_id IS NULL) = (error IS NOT NULL) AND (error IS NULL OR credits = 0));

-- What an AI task is doing right now, in words ("retrying (attempt 2 of 3): ...").
ALTER TABLE ai_tasks ADD COLUMN message text;
