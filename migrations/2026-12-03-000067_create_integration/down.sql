DROP INDEX content_approved_unpublished;
DROP INDEX content_publish_due;
ALTER TABLE content DROP COLUMN published_at;
DROP TABLE publishing_settings;
DROP TABLE sync_events;
DROP TABLE integration_sites;
DROP TABLE site_api_keys;
