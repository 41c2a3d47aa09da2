ALTER TABLE ai_tasks DROP COLUMN message;
DELETE FROM credit_usage_logs WHERE transaction_id IS NULL;
ALTER TABLE credit_usage_logs DROP CONSTRAINT credit_usage_logs_failed_is_free;
ALTER TABLE credit_usage_logs DROP COLUMN error;
ALTER TABLE credit_usage_logs ALTER COLUMN transaction_id SET NOT NULL;
