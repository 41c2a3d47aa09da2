DROP INDEX images_pending;
DROP INDEX content_unreviewed;
DROP INDEX tasks_pending;
DROP INDEX content_ideas_pending;
DROP INDEX clusters_pending;
DROP INDEX keywords_pending;
