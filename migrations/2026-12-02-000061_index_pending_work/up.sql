-- What the automation pipeline asks for every batch: the oldest pending items of one stage on a
-- site. Partial indexes keep each of those reads proportional to the batch, not to the site's
-- history (without them every batch re-scanned the items already processed).
CREATE INDEX keywords_pending ON keywords (account_id, site_id, id)
    WHERE status = 'new' AND cluster_id IS NULL AND NOT disabled;
CREATE INDEX clusters_pending ON clusters (account_id, site_id, id)
    WHERE status = 'new' AND NOT disabled;
CREATE INDEX content_ideas_pending ON content_ideas (account_id, site_id, id)
    WHERE status = 'new';
CREATE INDEX tasks_pending ON tasks (account_id, site_id, id)
    WHERE status = 'queued';
CREATE INDEX content_unreviewed ON content (account_id, site_id, id)
    WHERE status IN ('draft', 'review');
CREATE INDEX images_pending ON images (account_id, site_id, id)
    WHERE status = 'pending';
