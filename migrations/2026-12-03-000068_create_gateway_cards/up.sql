-- Card renewals (crate `billing`): the card a checkout saved for off-session charges, and one
-- charge attempt per renewal invoice (a declined card is not charged again by the job: the
-- grace period runs, and the buyer can pay through a new checkout or by transfer).

CREATE TABLE gateway_customers (
    account_id         bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    provider           text NOT NULL CHECK (provider IN ('stripe')),
    customer_id        text NOT NULL CHECK (length(customer_id) BETWEEN 1 AND 255),
    -- the payment that saved the card; its payment method is read from it when charging
    payment_intent_id  text NOT NULL CHECK (length(payment_intent_id) BETWEEN 1 AND 255),
    updated_at         timestamptz NOT NULL
);

CREATE TABLE gateway_charges (
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    invoice_id   bigint NOT NULL,
    provider     text NOT NULL CHECK (provider IN ('stripe')),
    intent_id    text,
    status       text NOT NULL CHECK (status IN ('succeeded', 'failed')),
    error        text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, invoice_id),
    FOREIGN KEY (account_id, invoice_id) REFERENCES invoices (account_id, id) ON DELETE CASCADE
);
