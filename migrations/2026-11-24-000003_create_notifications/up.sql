-- Account notifications (AI task finished/failed, payment approved, ...). Account-wide: any
-- member marking one read marks it read for the account.
CREATE TABLE notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    level       text NOT NULL DEFAULT 'info' CHECK (level IN ('info', 'success', 'warning', 'error')),
    title       text NOT NULL,
    message     text NOT NULL DEFAULT '',
    data        jsonb NOT NULL DEFAULT '{}',
    -- makes producers idempotent: a retried job does not notify twice
    dedupe_key  text,
    read_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, dedupe_key)
);
CREATE INDEX notifications_account_created ON notifications (account_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;
