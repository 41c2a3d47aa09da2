-- Publishing to WordPress (crate `integration`) and the site API key the WordPress plugin
-- authenticates with (crate `tenancy`: the key is the site's).

-- tenancy: one key per site. Looked up by its SHA-256; shown once at creation, never again.
-- The bridge plugin also expects the platform to send it, so it is kept encrypted with
-- IGNY8_SECRET_KEY for those outbound calls (never returned by any route).
CREATE TABLE site_api_keys (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id     bigint NOT NULL,
    key_hash    bytea NOT NULL UNIQUE,
    key_enc     text NOT NULL,
    key_suffix  text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, site_id),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE
);

-- integration: one publishing destination per (site, platform).
CREATE TABLE integration_sites (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id         bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id            bigint NOT NULL,
    platform           text NOT NULL DEFAULT 'wordpress' CHECK (platform IN ('wordpress')),
    site_url           text NOT NULL,
    mode               text NOT NULL CHECK (mode IN ('core', 'bridge')),
    -- core mode: the WordPress user of the application password (not a secret)
    username           text NOT NULL DEFAULT '',
    -- core mode: the application password, encrypted with IGNY8_SECRET_KEY; never returned
    credentials_enc    text,
    is_active          boolean NOT NULL DEFAULT true,
    sync_enabled       boolean NOT NULL DEFAULT true,
    connection_status  text NOT NULL DEFAULT 'unknown' CHECK (connection_status IN ('unknown', 'connected', 'error')),
    sync_status        text NOT NULL DEFAULT 'pending' CHECK (sync_status IN ('pending', 'syncing', 'completed', 'error')),
    last_checked_at    timestamptz,
    last_sync_at       timestamptz,
    last_error         text,
    site_structure     jsonb NOT NULL DEFAULT '{}',
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    UNIQUE (account_id, id),
    UNIQUE (account_id, site_id, platform),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE
);

-- integration: every attempt to talk to a site (publish, update, unpublish, checks, syncs,
-- webhooks received), successful or not.
CREATE TABLE sync_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id         bigint NOT NULL,
    integration_id  bigint NOT NULL,
    content_id      bigint,
    action          text NOT NULL CHECK (action IN ('publish', 'update', 'unpublish', 'test_connection', 'sync', 'site_structure', 'status_webhook')),
    success         boolean NOT NULL,
    attempt         integer NOT NULL DEFAULT 1,
    duration_ms     integer NOT NULL DEFAULT 0,
    http_status     integer,
    error_code      text,
    error_message   text,
    external_id     text,
    details         jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL,
    FOREIGN KEY (account_id, integration_id) REFERENCES integration_sites (account_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, site_id, content_id) REFERENCES content (account_id, site_id, id) ON DELETE SET NULL (content_id)
);
CREATE INDEX sync_events_integration ON sync_events (account_id, integration_id, id DESC);
CREATE INDEX sync_events_content ON sync_events (account_id, content_id, id DESC) WHERE content_id IS NOT NULL;

-- integration: the publishing scheduler's settings, one row per site (created lazily).
CREATE TABLE publishing_settings (
    account_id            bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id               bigint NOT NULL,
    auto_publish_enabled  boolean NOT NULL DEFAULT false,
    daily_limit           integer NOT NULL DEFAULT 3 CHECK (daily_limit BETWEEN 1 AND 100),
    weekly_limit          integer NOT NULL DEFAULT 15 CHECK (weekly_limit BETWEEN 1 AND 700),
    -- ISO weekdays (1 = Monday) on which posts go out
    publish_days          smallint[] NOT NULL DEFAULT '{1,2,3,4,5}',
    -- local times ("HH:MM", the account's time zone), sorted
    time_slots            text[] NOT NULL DEFAULT '{09:00,14:00,18:00}',
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    PRIMARY KEY (account_id, site_id),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE
);

-- content: when the item last went live on its site (the scheduler's daily and weekly limits
-- count these together with the scheduled times).
ALTER TABLE content ADD COLUMN published_at timestamptz;

-- content: the publishing scheduler's scans (approved and unscheduled; scheduled and due).
CREATE INDEX content_publish_due ON content (scheduled_publish_at) WHERE site_status = 'scheduled';
CREATE INDEX content_approved_unpublished ON content (account_id, site_id, id) WHERE status = 'approved' AND site_status = 'not_published';
