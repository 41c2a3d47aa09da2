-- The fang job queue (blocking flavour), owned by our migrations so there is one source of truth.
-- gen_random_uuid() is built into PostgreSQL 13+, so no extension is needed.
CREATE TYPE fang_task_state AS ENUM ('new', 'in_progress', 'failed', 'finished', 'retried');

CREATE TABLE fang_tasks (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    metadata      jsonb NOT NULL,
    error_message text,
    state         fang_task_state NOT NULL DEFAULT 'new',
    task_type     text NOT NULL DEFAULT 'common',
    uniq_hash     text,
    retries       integer NOT NULL DEFAULT 0,
    scheduled_at  timestamptz NOT NULL DEFAULT now(),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX fang_tasks_state_index ON fang_tasks (state);
CREATE INDEX fang_tasks_type_index ON fang_tasks (task_type);
CREATE INDEX fang_tasks_scheduled_at_index ON fang_tasks (scheduled_at);
CREATE INDEX fang_tasks_uniq_hash ON fang_tasks (uniq_hash);
-- fang checks uniqueness with find-then-insert; this makes unique/cron tasks truly unique.
CREATE UNIQUE INDEX fang_tasks_uniq_pending ON fang_tasks (uniq_hash) WHERE state IN ('new', 'retried');
CREATE INDEX fang_tasks_fetch ON fang_tasks (task_type, scheduled_at) WHERE state IN ('new', 'retried');
-- the stale-task reaper scans in_progress rows by age
CREATE INDEX fang_tasks_in_progress ON fang_tasks (updated_at) WHERE state = 'in_progress';
