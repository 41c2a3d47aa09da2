-- Writer: tasks, content, taxonomies (categories and tags), content <-> term links, images.
-- Every table is tenant-owned. Children reference parents through composite keys that start
-- with account_id (and carry site_id where the child must stay on its parent's site).
--
-- tasks.cluster_id / tasks.idea_id / content.cluster_id / content.idea_id have no foreign key
-- yet: the planner's clusters and ideas tables arrive with it, and a follow-up migration adds
-- composite keys (account_id, cluster_id) -> clusters, (account_id, idea_id) -> ideas.

CREATE TABLE tasks (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id          bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id             bigint NOT NULL,
    sector_id           bigint NOT NULL,
    cluster_id          bigint,
    idea_id             bigint,
    title               text NOT NULL,
    description         text NOT NULL DEFAULT '',
    outline             jsonb,
    keywords            text NOT NULL DEFAULT '',
    primary_keyword     text NOT NULL DEFAULT '',
    secondary_keywords  jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(secondary_keywords) = 'array'),
    content_type        text NOT NULL DEFAULT 'post'
        CHECK (content_type IN ('post', 'page', 'product', 'taxonomy')),
    content_structure   text NOT NULL DEFAULT 'article'
        CHECK (content_structure IN ('article', 'guide', 'comparison', 'review', 'listicle',
            'landing_page', 'business_page', 'service_page', 'general', 'cluster_hub',
            'product_page', 'category_archive', 'tag_archive', 'attribute_archive')),
    word_count          integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
    status              text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'in_progress', 'completed', 'failed')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, site_id, sector_id)
        REFERENCES sectors (account_id, site_id, id) ON DELETE CASCADE,
    UNIQUE (account_id, id)
);
-- default list: newest first within the account, optionally one site/sector
CREATE INDEX tasks_account_created ON tasks (account_id, created_at DESC, id DESC);
CREATE INDEX tasks_account_site_sector ON tasks (account_id, site_id, sector_id, created_at DESC);
CREATE INDEX tasks_account_status ON tasks (account_id, status);
-- one task per idea: creating tasks from ideas twice makes no second task
CREATE UNIQUE INDEX tasks_account_idea ON tasks (account_id, idea_id) WHERE idea_id IS NOT NULL;

CREATE TABLE content (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id            bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id               bigint NOT NULL,
    sector_id             bigint NOT NULL,
    cluster_id            bigint,
    idea_id               bigint,
    task_id               bigint,
    title                 text NOT NULL,
    content_html          text NOT NULL DEFAULT '',
    word_count            integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
    meta_title            text NOT NULL DEFAULT '',
    meta_description      text NOT NULL DEFAULT '',
    primary_keyword       text NOT NULL DEFAULT '',
    secondary_keywords    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(secondary_keywords) = 'array'),
    content_type          text NOT NULL DEFAULT 'post'
        CHECK (content_type IN ('post', 'page', 'product', 'taxonomy')),
    content_structure     text NOT NULL DEFAULT 'article'
        CHECK (content_structure IN ('article', 'guide', 'comparison', 'review', 'listicle',
            'landing_page', 'business_page', 'service_page', 'general', 'cluster_hub',
            'product_page', 'category_archive', 'tag_archive', 'attribute_archive')),
    status                text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'review', 'approved', 'published')),
    site_status           text NOT NULL DEFAULT 'not_published'
        CHECK (site_status IN ('not_published', 'scheduled', 'publishing', 'published', 'failed')),
    scheduled_publish_at  timestamptz,
    external_id           text,
    external_url          text,
    source                text NOT NULL DEFAULT 'igny8' CHECK (source IN ('igny8', 'wordpress')),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, site_id, sector_id)
        REFERENCES sectors (account_id, site_id, id) ON DELETE CASCADE,
    -- deleting a task keeps its content (only task_id is cleared)
    FOREIGN KEY (account_id, task_id) REFERENCES tasks (account_id, id) ON DELETE SET NULL (task_id),
    UNIQUE (account_id, id),
    -- lets term links and images require the same site as their content
    UNIQUE (account_id, site_id, id)
);
CREATE INDEX content_account_created ON content (account_id, created_at DESC, id DESC);
CREATE INDEX content_account_site_sector ON content (account_id, site_id, sector_id, created_at DESC);
CREATE INDEX content_account_status ON content (account_id, status);
CREATE INDEX content_account_task ON content (account_id, task_id) WHERE task_id IS NOT NULL;
CREATE INDEX content_account_external ON content (account_id, site_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE taxonomies (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id     bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id        bigint NOT NULL,
    name           text NOT NULL,
    slug           text NOT NULL,
    taxonomy_type  text NOT NULL CHECK (taxonomy_type IN ('category', 'tag')),
    external_id    text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, site_id) REFERENCES sites (account_id, id) ON DELETE CASCADE,
    CONSTRAINT taxonomies_slug_unique UNIQUE (account_id, site_id, taxonomy_type, slug),
    UNIQUE (account_id, id),
    UNIQUE (account_id, site_id, id)
);
CREATE UNIQUE INDEX taxonomies_external_unique ON taxonomies (account_id, site_id, taxonomy_type, external_id)
    WHERE external_id IS NOT NULL;

CREATE TABLE content_taxonomies (
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id      bigint NOT NULL,
    content_id   bigint NOT NULL,
    taxonomy_id  bigint NOT NULL,
    PRIMARY KEY (account_id, content_id, taxonomy_id),
    -- a term of another site (or account) cannot be attached
    FOREIGN KEY (account_id, site_id, content_id) REFERENCES content (account_id, site_id, id) ON DELETE CASCADE,
    FOREIGN KEY (account_id, site_id, taxonomy_id) REFERENCES taxonomies (account_id, site_id, id) ON DELETE CASCADE
);
CREATE INDEX content_taxonomies_term ON content_taxonomies (account_id, taxonomy_id);

CREATE TABLE images (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    site_id       bigint NOT NULL,
    content_id    bigint NOT NULL,
    image_type    text NOT NULL CHECK (image_type IN ('featured', 'in_article')),
    position      integer NOT NULL,
    prompt        text NOT NULL DEFAULT '',
    status        text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'generating', 'generated', 'failed')),
    -- an external URL (e.g. a provider's); files stored here are served by images/{id}/file/
    url           text,
    -- content-addressed file name in the media store: <sha256>.<ext>
    storage_key   text,
    sha256        text,
    width         integer CHECK (width > 0),
    height        integer CHECK (height > 0),
    format        text CHECK (format IN ('png', 'jpeg', 'webp')),
    byte_size     bigint CHECK (byte_size >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- featured is position 0; in-article images are 1..N
    CHECK ((image_type = 'featured' AND position = 0) OR (image_type = 'in_article' AND position >= 1)),
    CHECK ((storage_key IS NULL) = (sha256 IS NULL)),
    FOREIGN KEY (account_id, site_id, content_id) REFERENCES content (account_id, site_id, id) ON DELETE CASCADE,
    CONSTRAINT images_slot_unique UNIQUE (account_id, content_id, image_type, position)
);
CREATE INDEX images_account_created ON images (account_id, created_at DESC);
