CREATE TEMPORARY TABLE job_outcome_totals AS
    SELECT job, outcome, sum(count)::bigint AS count, max(updated_at) AS updated_at
    FROM job_outcomes GROUP BY job, outcome;
DELETE FROM job_outcomes;
ALTER TABLE job_outcomes DROP CONSTRAINT job_outcomes_pkey;
ALTER TABLE job_outcomes DROP COLUMN shard;
ALTER TABLE job_outcomes ADD PRIMARY KEY (job, outcome);
INSERT INTO job_outcomes (job, outcome, count, updated_at)
    SELECT job, outcome, count, updated_at FROM job_outcome_totals;
DROP TABLE job_outcome_totals;
