DROP TABLE email_attachments;
DROP INDEX email_outbox_dedupe;
DROP INDEX email_outbox_due;
CREATE INDEX email_outbox_pending ON email_outbox (created_at) WHERE status = 'pending';
ALTER TABLE email_outbox
    DROP CONSTRAINT email_outbox_account_id_id,
    DROP COLUMN dedupe_key,
    DROP COLUMN next_attempt_at,
    DROP COLUMN body_html;
