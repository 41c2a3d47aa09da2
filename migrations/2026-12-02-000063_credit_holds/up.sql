-- Credits reserved for accepted work (an AI task, an automation run) until it ends. A hold is not
-- a ledger entry: the balance is unchanged; what other work may spend is the balance minus the
-- open holds. Charges made for the work draw its hold down; the end of the work releases the rest.
CREATE TABLE credit_holds (
    id          bigserial   PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- The work: `ai_task:7`, `automation_run:3` (one hold per work item).
    reference   text        NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
    -- Credits held at the start and still held now.
    held        bigint      NOT NULL CHECK (held >= 0),
    remaining   bigint      NOT NULL CHECK (remaining >= 0 AND remaining <= held),
    created_at  timestamptz NOT NULL,
    released_at timestamptz,
    CHECK (released_at IS NULL OR remaining = 0),
    UNIQUE (account_id, reference)
);
CREATE INDEX credit_holds_open ON credit_holds (account_id) WHERE released_at IS NULL;
