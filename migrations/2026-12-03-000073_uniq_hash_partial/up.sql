-- fang looks a unique job up by `uniq_hash` (and its state, bound as an array); most jobs have
-- no hash. Indexing only the rows that have one keeps that lookup an index scan (`uniq_hash =
-- $1` implies `uniq_hash IS NOT NULL`, so even a generic plan may use the index) and spares
-- every other job an index entry when it is enqueued and again when it is claimed.
DROP INDEX fang_tasks_uniq_hash;
CREATE INDEX fang_tasks_uniq_hash ON fang_tasks (uniq_hash) WHERE uniq_hash IS NOT NULL;
