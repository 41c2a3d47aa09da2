-- Job outcome counters split per worker thread. Every success is counted by the statement that
-- removes its task; with one row per (job, outcome), two worker threads finishing jobs of the
-- same kind queued on that row's lock, one commit after the other (the queue ran at half its
-- limit with two threads). Each thread now adds to its own row, `shard` being its number within
-- its task type, and readers sum the shards: the count stays exact and durable, and threads no
-- longer wait on each other. Several worker processes share shard numbers, which costs waiting,
-- never a count.
ALTER TABLE job_outcomes ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard >= 0);
ALTER TABLE job_outcomes DROP CONSTRAINT job_outcomes_pkey;
ALTER TABLE job_outcomes ADD PRIMARY KEY (job, outcome, shard);
