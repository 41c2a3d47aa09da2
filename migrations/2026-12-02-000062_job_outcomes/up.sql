-- How many jobs the workers finished, per job name and outcome (succeeded, retried, failed).
-- Counted here rather than in a worker's memory so that every worker process adds to one figure,
-- it survives restarts, and the API's /metrics reports it as a counter.
CREATE TABLE job_outcomes (
    job        text        NOT NULL,
    outcome    text        NOT NULL CHECK (outcome IN ('succeeded', 'retried', 'failed')),
    count      bigint      NOT NULL DEFAULT 0 CHECK (count >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job, outcome)
);
