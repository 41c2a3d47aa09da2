-- Billing: credit pools and their ledger, the AI cost table, credit packages, subscriptions,
-- invoices with gap-free per-account numbering, and payments.
--
-- Global tables (no account_id, allow-listed in the schema test): credit_operation_costs,
-- credit_model_rates, credit_packages. Every other table here belongs to one account.

-- Global data ------------------------------------------------------------------------------------

-- What an AI operation costs: text operations convert tokens to credits through the model's
-- tokens_per_credit, image operations charge the model's credits_per_image; min_credits is the
-- floor of any non-empty call, est_tokens_per_item turns an item count into an estimate.
CREATE TABLE credit_operation_costs (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation            text NOT NULL UNIQUE,
    name                 text NOT NULL,
    kind                 text NOT NULL CHECK (kind IN ('text', 'image')),
    min_credits          bigint NOT NULL CHECK (min_credits >= 0),
    est_tokens_per_item  bigint NOT NULL DEFAULT 0 CHECK (est_tokens_per_item >= 0),
    is_active            boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now()
);

-- AI models with their credit conversion and provider prices (USD micro-units).
CREATE TABLE credit_model_rates (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model                       text NOT NULL UNIQUE,
    name                        text NOT NULL,
    kind                        text NOT NULL CHECK (kind IN ('text', 'image')),
    tokens_per_credit           bigint CHECK (tokens_per_credit > 0),
    credits_per_image           bigint CHECK (credits_per_image > 0),
    quality_tier                text CHECK (quality_tier IN ('basic', 'quality', 'premium')),
    input_usd_micros_per_mtok   bigint NOT NULL DEFAULT 0 CHECK (input_usd_micros_per_mtok >= 0),
    output_usd_micros_per_mtok  bigint NOT NULL DEFAULT 0 CHECK (output_usd_micros_per_mtok >= 0),
    usd_micros_per_image        bigint NOT NULL DEFAULT 0 CHECK (usd_micros_per_image >= 0),
    is_default                  boolean NOT NULL DEFAULT false,
    is_active                   boolean NOT NULL DEFAULT true,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'text' AND tokens_per_credit IS NOT NULL) OR (kind = 'image' AND credits_per_image IS NOT NULL))
);
-- one default model per kind
CREATE UNIQUE INDEX credit_model_rates_one_default ON credit_model_rates (kind) WHERE is_default;

CREATE TABLE credit_packages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         text NOT NULL UNIQUE,
    name         text NOT NULL,
    credits      bigint NOT NULL CHECK (credits > 0),
    price_cents  bigint NOT NULL CHECK (price_cents > 0),
    currency     text NOT NULL DEFAULT 'USD',
    is_active    boolean NOT NULL DEFAULT true,
    sort_order   integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Credits -----------------------------------------------------------------------------------------

-- The two pools of an account. The CHECKs are the last line of defence: services lock this row
-- (SELECT ... FOR UPDATE) and refuse a charge the pools cannot cover.
CREATE TABLE credit_balances (
    account_id     bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    plan_credits   bigint NOT NULL DEFAULT 0 CHECK (plan_credits >= 0),
    bonus_credits  bigint NOT NULL DEFAULT 0 CHECK (bonus_credits >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The immutable ledger: one row per change of one pool, written in the transaction that changes
-- the balance. A change touching both pools (a charge spilling into bonus credits) writes two
-- rows: the first carries the idempotency key, the second points to it through parent_id.
-- balance_after is the pool's balance after the row, so a pool's balance equals the sum of its
-- rows' amounts.
CREATE TABLE credit_transactions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id       bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind             text NOT NULL
        CHECK (kind IN ('grant', 'charge', 'refund', 'purchase', 'plan_reset', 'plan_expire', 'adjustment')),
    pool             text NOT NULL CHECK (pool IN ('plan', 'bonus')),
    amount           bigint NOT NULL,
    balance_after    bigint NOT NULL CHECK (balance_after >= 0),
    reference        text NOT NULL DEFAULT '',
    description      text NOT NULL DEFAULT '',
    operation        text,
    idempotency_key  text,
    parent_id        bigint,
    refund_of_id     bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, id),
    UNIQUE (account_id, idempotency_key),
    CHECK ((idempotency_key IS NULL) <> (parent_id IS NULL)),
    FOREIGN KEY (account_id, parent_id) REFERENCES credit_transactions (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, refund_of_id) REFERENCES credit_transactions (account_id, id) ON DELETE CASCADE
);
CREATE INDEX credit_transactions_account_time ON credit_transactions (account_id, created_at, id);
CREATE INDEX credit_transactions_parent ON credit_transactions (account_id, parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX credit_transactions_refund_of ON credit_transactions (account_id, refund_of_id) WHERE refund_of_id IS NOT NULL;

-- One row per AI call that was charged.
CREATE TABLE credit_usage_logs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id       bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    transaction_id   bigint NOT NULL,
    operation        text NOT NULL,
    credits          bigint NOT NULL CHECK (credits >= 0),
    model            text NOT NULL DEFAULT '',
    tokens_in        bigint NOT NULL DEFAULT 0 CHECK (tokens_in >= 0),
    tokens_out       bigint NOT NULL DEFAULT 0 CHECK (tokens_out >= 0),
    cost_usd_micros  bigint NOT NULL DEFAULT 0 CHECK (cost_usd_micros >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, transaction_id),
    FOREIGN KEY (account_id, transaction_id) REFERENCES credit_transactions (account_id, id) ON DELETE CASCADE
);
CREATE INDEX credit_usage_logs_account_time ON credit_usage_logs (account_id, created_at, id);
CREATE INDEX credit_usage_logs_account_operation ON credit_usage_logs (account_id, operation, created_at);

-- Ledger and usage rows never change. Deleting is allowed only as a cascade of deleting the
-- account (pg_trigger_depth() > 1: fired by the foreign key's own trigger).
CREATE FUNCTION billing_immutable_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER credit_transactions_immutable BEFORE UPDATE OR DELETE ON credit_transactions
    FOR EACH ROW EXECUTE FUNCTION billing_immutable_row();
CREATE TRIGGER credit_usage_logs_immutable BEFORE UPDATE OR DELETE ON credit_usage_logs
    FOR EACH ROW EXECUTE FUNCTION billing_immutable_row();

-- Subscriptions -----------------------------------------------------------------------------------

-- One per account. status:
--   pending    signed up (or re-subscribed) to a paid plan, first invoice not paid yet
--   trialing   on a trial (not used by sign-up today)
--   active     paid (or free) and in its period; a renewal invoice may be open (grace day)
--   past_due   renewal unpaid for a day: plan credits are 0
--   cancelled  cancelled and its last period is over
--   expired    renewal unpaid for 7 days: the account is suspended
-- open_invoice_id is the unpaid subscription invoice the subscription waits for, if any.
CREATE TABLE subscriptions (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id            bigint NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id               bigint NOT NULL REFERENCES plans (id),
    billing_cycle         text NOT NULL DEFAULT 'monthly' CHECK (billing_cycle IN ('monthly', 'annual')),
    status                text NOT NULL
        CHECK (status IN ('pending', 'trialing', 'active', 'past_due', 'cancelled', 'expired')),
    current_period_start  timestamptz,
    current_period_end    timestamptz,
    auto_renew            boolean NOT NULL DEFAULT true,
    cancelled_at          timestamptz,
    open_invoice_id       bigint,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, id),
    CHECK ((current_period_start IS NULL) = (current_period_end IS NULL))
);
CREATE INDEX subscriptions_due ON subscriptions (current_period_end) WHERE status IN ('active', 'past_due');

-- Invoices ----------------------------------------------------------------------------------------

-- Last number issued per account and month; incremented in the transaction that inserts the
-- invoice, so the row lock serializes concurrent issues and a rollback leaves no gap.
CREATE TABLE invoice_sequences (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    period      text NOT NULL CHECK (period ~ '^[0-9]{6}$'),
    last_value  integer NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (account_id, period)
);

CREATE TABLE invoices (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id         bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    invoice_number     text NOT NULL UNIQUE,
    invoice_type       text NOT NULL CHECK (invoice_type IN ('subscription', 'credit_package', 'addon', 'custom')),
    status             text NOT NULL CHECK (status IN ('draft', 'pending', 'paid', 'void', 'uncollectible')),
    subscription_id    bigint,
    plan_id            bigint REFERENCES plans (id),
    billing_cycle      text CHECK (billing_cycle IN ('monthly', 'annual')),
    period_start       timestamptz,
    period_end         timestamptz,
    credit_package_id  bigint REFERENCES credit_packages (id),
    credits            bigint NOT NULL DEFAULT 0 CHECK (credits >= 0),
    line_items         jsonb NOT NULL,
    subtotal_cents     bigint NOT NULL CHECK (subtotal_cents >= 0),
    tax_cents          bigint NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
    total_cents        bigint NOT NULL CHECK (total_cents >= 0),
    currency           text NOT NULL,
    billing_contact    jsonb NOT NULL,
    issued_at          timestamptz NOT NULL,
    paid_at            timestamptz,
    voided_at          timestamptz,
    void_reason        text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, id),
    CHECK (total_cents = subtotal_cents + tax_cents),
    CHECK (jsonb_typeof(line_items) = 'array'),
    CHECK (invoice_type <> 'subscription' OR (subscription_id IS NOT NULL AND plan_id IS NOT NULL AND billing_cycle IS NOT NULL)),
    CHECK (invoice_type <> 'credit_package' OR (credit_package_id IS NOT NULL AND credits > 0)),
    CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
    FOREIGN KEY (account_id, subscription_id) REFERENCES subscriptions (account_id, id) ON DELETE CASCADE
);
CREATE INDEX invoices_account_time ON invoices (account_id, issued_at, id);
CREATE INDEX invoices_account_subscription ON invoices (account_id, subscription_id);

ALTER TABLE subscriptions
    ADD FOREIGN KEY (account_id, open_invoice_id) REFERENCES invoices (account_id, id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX subscriptions_open_invoice ON subscriptions (account_id, open_invoice_id) WHERE open_invoice_id IS NOT NULL;

-- An issued invoice is immutable apart from its status and the fields that record a status change.
CREATE FUNCTION invoices_only_status_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mutable text[] := ARRAY['status', 'paid_at', 'voided_at', 'void_reason', 'updated_at'];
BEGIN
    IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
        RAISE EXCEPTION 'invoices are immutable apart from their status' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_only_status_changes();

-- Payments ----------------------------------------------------------------------------------------

CREATE TABLE payments (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id             bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    invoice_id             bigint NOT NULL,
    amount_cents           bigint NOT NULL CHECK (amount_cents >= 0),
    currency               text NOT NULL,
    payment_method         text NOT NULL
        CHECK (payment_method IN ('bank_transfer', 'local_wallet', 'manual', 'stripe', 'paypal')),
    status                 text NOT NULL
        CHECK (status IN ('pending_approval', 'succeeded', 'failed', 'refunded', 'cancelled')),
    transaction_reference  text NOT NULL DEFAULT '',
    submitted_by           bigint,
    -- the staff reviewer lives in the platform account, so no tenant-scoped key can hold it:
    -- an audit value, not a reference
    reviewed_by            bigint,
    reviewed_at            timestamptz,
    failure_reason         text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, id),
    FOREIGN KEY (account_id, invoice_id) REFERENCES invoices (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, submitted_by) REFERENCES users (account_id, id) ON DELETE SET NULL (submitted_by)
);
CREATE INDEX payments_account_time ON payments (account_id, created_at, id);
CREATE INDEX payments_account_invoice ON payments (account_id, invoice_id);
CREATE INDEX payments_status_time ON payments (status, created_at);
-- one payment awaiting review per invoice, and at most one that paid it
CREATE UNIQUE INDEX payments_one_pending_per_invoice ON payments (invoice_id) WHERE status = 'pending_approval';
CREATE UNIQUE INDEX payments_one_success_per_invoice ON payments (invoice_id) WHERE status = 'succeeded';
