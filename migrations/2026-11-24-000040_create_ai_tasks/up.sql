-- One row per AI action a user (or the pipeline) started: its progress through
-- INIT → PREP → AI_CALL → PARSE → SAVE → DONE, its result or error.
CREATE TABLE ai_tasks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    function     text NOT NULL CHECK (function IN ('auto_cluster', 'generate_ideas', 'generate_content', 'generate_image_prompts', 'generate_images')),
    status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    phase        text NOT NULL DEFAULT 'INIT' CHECK (phase IN ('INIT', 'PREP', 'AI_CALL', 'PARSE', 'SAVE', 'DONE')),
    progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    input        jsonb NOT NULL DEFAULT '{}',
    result       jsonb,
    error        text,
    attempts     integer NOT NULL DEFAULT 0,
    created_by   bigint,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    UNIQUE (account_id, id)
);
CREATE INDEX ai_tasks_account_created ON ai_tasks (account_id, created_at DESC);
