-- Delivery of the e-mail outbox (tenancy::mail): an HTML part next to the plain text, a retry
-- schedule, a per-event key so a reminder is queued once, and attachments (a receipt's invoice
-- PDF). A worker claims due rows by moving `next_attempt_at` past a lease and counting the
-- attempt; success marks the row `sent`, failure schedules the next attempt with backoff.
ALTER TABLE email_outbox
    ADD COLUMN body_html       text,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN dedupe_key      text CHECK (dedupe_key IS NULL OR length(dedupe_key) BETWEEN 1 AND 200),
    ADD CONSTRAINT email_outbox_account_id_id UNIQUE (account_id, id);
DROP INDEX email_outbox_pending;
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE UNIQUE INDEX email_outbox_dedupe ON email_outbox (account_id, dedupe_key)
    WHERE dedupe_key IS NOT NULL;

CREATE TABLE email_attachments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email_id     bigint NOT NULL,
    filename     text   NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type text   NOT NULL,
    content      bytea  NOT NULL,
    FOREIGN KEY (account_id, email_id) REFERENCES email_outbox (account_id, id) ON DELETE CASCADE
);
CREATE INDEX email_attachments_email ON email_attachments (account_id, email_id);
