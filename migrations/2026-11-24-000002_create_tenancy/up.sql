-- Global reference data ------------------------------------------------------------------------

CREATE TABLE industries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE industry_sectors (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    industry_id bigint NOT NULL REFERENCES industries (id) ON DELETE CASCADE,
    slug        text NOT NULL,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (industry_id, slug)
);

CREATE TABLE plans (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                   text NOT NULL UNIQUE,
    name                   text NOT NULL,
    price_cents            bigint NOT NULL CHECK (price_cents >= 0),
    annual_price_cents     bigint NOT NULL CHECK (annual_price_cents >= 0),
    currency               text NOT NULL DEFAULT 'USD',
    included_credits       bigint NOT NULL CHECK (included_credits >= 0),
    max_sites              integer NOT NULL CHECK (max_sites >= 1),
    max_users              integer NOT NULL CHECK (max_users >= 1),
    max_keywords           integer NOT NULL CHECK (max_keywords >= 0),
    max_sectors_per_site   integer NOT NULL DEFAULT 5 CHECK (max_sectors_per_site >= 1),
    features               jsonb NOT NULL DEFAULT '[]',
    is_active              boolean NOT NULL DEFAULT true,
    is_internal            boolean NOT NULL DEFAULT false,
    sort_order             integer NOT NULL DEFAULT 0,
    created_at             timestamptz NOT NULL DEFAULT now()
);

-- Throttling log (sliding window): one row per admitted attempt, keyed by e.g. "login:ip:<ip>".
-- Global on purpose: the limit holds across API processes and before any account is known.
CREATE TABLE rate_limit_hits (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key     text NOT NULL,
    hit_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limit_hits_key_time ON rate_limit_hits (key, hit_at);
CREATE INDEX rate_limit_hits_time ON rate_limit_hits (hit_at);

-- Tenants ----------------------------------------------------------------------------------------

CREATE TABLE accounts (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text NOT NULL,
    slug                 text NOT NULL UNIQUE,
    status               text NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'trial', 'pending_payment', 'suspended', 'cancelled')),
    plan_id              bigint NOT NULL REFERENCES plans (id),
    timezone             text NOT NULL DEFAULT 'UTC',
    billing_email        text NOT NULL DEFAULT '',
    billing_name         text NOT NULL DEFAULT '',
    billing_address      text NOT NULL DEFAULT '',
    billing_country      text NOT NULL DEFAULT '',
    tax_id               text NOT NULL DEFAULT '',
    is_system            boolean NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id     bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email          text NOT NULL,
    password_hash  text NOT NULL,
    first_name     text NOT NULL DEFAULT '',
    last_name      text NOT NULL DEFAULT '',
    role           text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
    is_active      boolean NOT NULL DEFAULT true,
    is_staff       boolean NOT NULL DEFAULT false,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, id)
);
-- email is unique case-insensitively across the platform (login is by email alone)
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE sites (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         text NOT NULL,
    slug         text NOT NULL,
    domain       text NOT NULL DEFAULT '',
    industry_id  bigint REFERENCES industries (id),
    is_active    boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, slug),
    UNIQUE (account_id, id)
);

CREATE TABLE sectors (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id          bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id             bigint NOT NULL,
    industry_sector_id  bigint NOT NULL REFERENCES industry_sectors (id),
    name                text NOT NULL,
    slug                text NOT NULL,
    is_active           boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE,
    UNIQUE (account_id, site_id, industry_sector_id),
    UNIQUE (account_id, id),
    -- lets children reference (account, site, sector) so a row cannot mix sites
    UNIQUE (account_id, site_id, id)
);

CREATE TABLE site_user_access (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL,
    site_id     bigint NOT NULL,
    granted_by  bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE,
    UNIQUE (account_id, user_id, site_id)
);
CREATE INDEX site_user_access_site ON site_user_access (account_id, site_id);

-- Auth -------------------------------------------------------------------------------------------

-- A session is one refresh-token family. Only the newest refresh token (current_jti) is valid;
-- presenting an older one means it was stolen or replayed, and the whole session is revoked.
CREATE TABLE auth_sessions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id         bigint NOT NULL,
    current_jti     uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_reason  text,
    user_agent      text NOT NULL DEFAULT '',
    FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE CASCADE
);
CREATE INDEX auth_sessions_account_user ON auth_sessions (account_id, user_id);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);

CREATE TABLE password_reset_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL,
    token_hash  text NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, user_id) REFERENCES users (account_id, id) ON DELETE CASCADE
);
CREATE INDEX password_reset_tokens_account ON password_reset_tokens (account_id, user_id);
CREATE INDEX password_reset_tokens_expiry ON password_reset_tokens (expires_at);

-- Outgoing email, written in the transaction that decided to send it; a job delivers it.
CREATE TABLE email_outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    to_email    text NOT NULL,
    subject     text NOT NULL,
    body_text   text NOT NULL,
    kind        text NOT NULL,
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX email_outbox_account ON email_outbox (account_id, created_at);
CREATE INDEX email_outbox_pending ON email_outbox (created_at) WHERE status = 'pending';
