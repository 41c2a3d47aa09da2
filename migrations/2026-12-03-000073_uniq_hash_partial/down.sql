DROP INDEX fang_tasks_uniq_hash;
CREATE INDEX fang_tasks_uniq_hash ON fang_tasks (uniq_hash);
