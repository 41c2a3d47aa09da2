-- Card payments through a gateway (billing::gateway): the checkout session opened for an
-- invoice, and every webhook event, stored once by the gateway's event id.
CREATE TABLE gateway_checkouts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    invoice_id  bigint NOT NULL,
    provider    text NOT NULL CHECK (provider IN ('stripe')),
    session_id  text NOT NULL CHECK (length(session_id) BETWEEN 1 AND 255),
    url         text NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (account_id, id),
    UNIQUE (provider, session_id),
    FOREIGN KEY (account_id, invoice_id) REFERENCES invoices (account_id, id) ON DELETE CASCADE
);
CREATE INDEX gateway_checkouts_account_invoice ON gateway_checkouts (account_id, invoice_id);

-- A webhook event as received (global: the gateway does not know our tenants; the event's
-- object leads to an account through gateway_checkouts). The key makes a redelivery a no-op.
CREATE TABLE gateway_events (
    provider     text NOT NULL CHECK (provider IN ('stripe')),
    event_id     text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
    event_type   text NOT NULL,
    payload      jsonb NOT NULL,
    outcome      text NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (provider, event_id)
);
