-- The 7-stage automation pipeline (crate `automation`): one config per site, runs with their
-- position, one row per item a run processed (written in the item's own SAVE transaction, so
-- per-stage results are exact under crashes), and an event log that feeds the SSE stream.

CREATE TABLE automation_configs (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id                bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id                   bigint NOT NULL,
    enabled                   boolean NOT NULL DEFAULT false,
    frequency                 text NOT NULL DEFAULT 'daily' CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    scheduled_hour            smallint NOT NULL DEFAULT 2 CHECK (scheduled_hour BETWEEN 0 AND 23),
    scheduled_weekday         smallint NOT NULL DEFAULT 1 CHECK (scheduled_weekday BETWEEN 1 AND 7),
    scheduled_day_of_month    smallint NOT NULL DEFAULT 1 CHECK (scheduled_day_of_month BETWEEN 1 AND 28),
    stage_1_batch_size        integer NOT NULL DEFAULT 20 CHECK (stage_1_batch_size BETWEEN 1 AND 1000),
    stage_2_batch_size        integer NOT NULL DEFAULT 5 CHECK (stage_2_batch_size BETWEEN 1 AND 1000),
    stage_3_batch_size        integer NOT NULL DEFAULT 20 CHECK (stage_3_batch_size BETWEEN 1 AND 1000),
    stage_4_batch_size        integer NOT NULL DEFAULT 5 CHECK (stage_4_batch_size BETWEEN 1 AND 1000),
    stage_5_batch_size        integer NOT NULL DEFAULT 10 CHECK (stage_5_batch_size BETWEEN 1 AND 1000),
    stage_6_batch_size        integer NOT NULL DEFAULT 10 CHECK (stage_6_batch_size BETWEEN 1 AND 1000),
    within_stage_delay_secs   integer NOT NULL DEFAULT 3 CHECK (within_stage_delay_secs BETWEEN 0 AND 3600),
    between_stage_delay_secs  integer NOT NULL DEFAULT 5 CHECK (between_stage_delay_secs BETWEEN 0 AND 3600),
    max_keywords_per_run      integer CHECK (max_keywords_per_run > 0),
    max_clusters_per_run      integer CHECK (max_clusters_per_run > 0),
    max_ideas_per_run         integer CHECK (max_ideas_per_run > 0),
    max_tasks_per_run         integer CHECK (max_tasks_per_run > 0),
    max_content_per_run       integer CHECK (max_content_per_run > 0),
    max_images_per_run        integer CHECK (max_images_per_run > 0),
    max_credits_per_run       bigint CHECK (max_credits_per_run > 0),
    auto_approve              boolean NOT NULL DEFAULT true,
    last_run_at               timestamptz,
    next_run_at               timestamptz,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    UNIQUE (account_id, id),
    UNIQUE (account_id, site_id),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE
);
-- The scheduler's scan: enabled configs that are due.
CREATE INDEX automation_configs_due ON automation_configs (next_run_at) WHERE enabled;

CREATE TABLE automation_runs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id           bigint NOT NULL,
    trigger           text NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
    status            text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'paused', 'cancelled', 'completed', 'failed')),
    current_stage     smallint NOT NULL DEFAULT 1 CHECK (current_stage BETWEEN 1 AND 7),
    stage_batch       integer NOT NULL DEFAULT 0,
    step_seq          integer NOT NULL DEFAULT 0,
    step_attempts     integer NOT NULL DEFAULT 0,
    stage_times       jsonb NOT NULL DEFAULT '{}',
    total_credits     bigint NOT NULL DEFAULT 0,
    initial_snapshot  jsonb NOT NULL,
    settings          jsonb NOT NULL,
    pause_reason      text,
    error             text,
    created_by        bigint,
    started_at        timestamptz NOT NULL,
    paused_at         timestamptz,
    cancelled_at      timestamptz,
    completed_at      timestamptz,
    updated_at        timestamptz NOT NULL,
    UNIQUE (account_id, id),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE
);
-- One active (running or paused) run per site, enforced here rather than by a lock in memory.
CREATE UNIQUE INDEX automation_runs_one_active ON automation_runs (site_id) WHERE status IN ('running', 'paused');
CREATE INDEX automation_runs_site ON automation_runs (account_id, site_id, id DESC);

CREATE TABLE automation_run_items (
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    run_id       bigint NOT NULL,
    stage        smallint NOT NULL CHECK (stage BETWEEN 1 AND 7),
    item_key     text NOT NULL,
    item_id      bigint NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('saved', 'skipped', 'failed')),
    -- input units the item consumed (keywords for a clustering group, else 1): per-run caps count them
    inputs       integer NOT NULL DEFAULT 1,
    created      integer NOT NULL DEFAULT 0,
    credits      bigint NOT NULL DEFAULT 0,
    provider_us  bigint NOT NULL DEFAULT 0,
    reason       text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (run_id, item_key),
    FOREIGN KEY (account_id, run_id) REFERENCES automation_runs (account_id, id) ON DELETE CASCADE
);
CREATE INDEX automation_run_items_run ON automation_run_items (account_id, run_id, stage);

CREATE TABLE automation_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    run_id      bigint NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('run_started', 'stage_started', 'stage_progress', 'stage_completed', 'run_paused', 'run_resumed', 'run_cancelled', 'run_completed', 'run_failed', 'error')),
    stage       smallint CHECK (stage BETWEEN 1 AND 7),
    message     text NOT NULL,
    data        jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    FOREIGN KEY (account_id, run_id) REFERENCES automation_runs (account_id, id) ON DELETE CASCADE
);
CREATE INDEX automation_events_run ON automation_events (account_id, run_id, id);
