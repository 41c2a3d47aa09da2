DROP INDEX IF EXISTS content_account_idea;
DROP INDEX IF EXISTS tasks_account_cluster;
DROP INDEX IF EXISTS content_account_cluster;
ALTER TABLE content DROP CONSTRAINT content_idea_fkey, DROP CONSTRAINT content_cluster_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_idea_fkey, DROP CONSTRAINT tasks_cluster_fkey;
