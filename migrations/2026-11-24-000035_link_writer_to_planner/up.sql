-- Writer rows point at planner rows of the same account, site and sector. Deleting a cluster
-- or an idea keeps the task/content and clears only the reference.
ALTER TABLE tasks
    ADD CONSTRAINT tasks_cluster_fkey FOREIGN KEY (account_id, site_id, sector_id, cluster_id)
        REFERENCES clusters (account_id, site_id, sector_id, id) ON DELETE SET NULL (cluster_id),
    ADD CONSTRAINT tasks_idea_fkey FOREIGN KEY (account_id, site_id, sector_id, idea_id)
        REFERENCES content_ideas (account_id, site_id, sector_id, id) ON DELETE SET NULL (idea_id);
ALTER TABLE content
    ADD CONSTRAINT content_cluster_fkey FOREIGN KEY (account_id, site_id, sector_id, cluster_id)
        REFERENCES clusters (account_id, site_id, sector_id, id) ON DELETE SET NULL (cluster_id),
    ADD CONSTRAINT content_idea_fkey FOREIGN KEY (account_id, site_id, sector_id, idea_id)
        REFERENCES content_ideas (account_id, site_id, sector_id, id) ON DELETE SET NULL (idea_id);
-- cluster aggregates (content_count) and the foreign keys' ON DELETE scans
CREATE INDEX IF NOT EXISTS content_account_cluster ON content (account_id, cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS tasks_account_cluster ON tasks (account_id, cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS content_account_idea ON content (account_id, idea_id) WHERE idea_id IS NOT NULL;
