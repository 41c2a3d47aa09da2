DROP TABLE images;
DROP TABLE content_taxonomies;
DROP TABLE taxonomies;
DROP TABLE content;
DROP TABLE tasks;
