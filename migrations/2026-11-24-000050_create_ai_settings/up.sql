-- An account's own prompt templates, one per AI function; a missing row means the built-in
-- template. Templates are checked by `ai::check_template` before they are stored.
CREATE TABLE ai_prompt_overrides (
    account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    prompt_type   text NOT NULL CHECK (prompt_type IN ('clustering', 'ideas', 'content', 'image_prompts', 'image')),
    prompt_value  text NOT NULL CHECK (length(prompt_value) BETWEEN 1 AND 20000),
    updated_by    bigint,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- Also the index that starts with account_id.
    PRIMARY KEY (account_id, prompt_type)
);

-- An account's AI provider settings; every NULL means "use the platform's" (IGNY8_AI_*).
-- The API key is stored encrypted (ChaCha20-Poly1305 under IGNY8_SECRET_KEY) and is never
-- served; only its last four characters are, for recognition.
CREATE TABLE account_ai_settings (
    account_id           bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    provider             text CHECK (provider IN ('offline', 'openai')),
    base_url             text CHECK (base_url ~ '^https?://'),
    api_key_encrypted    text,
    api_key_last4        text CHECK (length(api_key_last4) = 4),
    text_model           text,
    image_model          text,
    n_in_article_images  integer CHECK (n_in_article_images BETWEEN 0 AND 8),
    image_width          integer CHECK (image_width BETWEEN 64 AND 4096),
    image_height         integer CHECK (image_height BETWEEN 64 AND 4096),
    image_format         text CHECK (image_format IN ('png', 'webp')),
    updated_by           bigint,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((image_width IS NULL) = (image_height IS NULL)),
    CHECK (api_key_last4 IS NULL OR api_key_encrypted IS NOT NULL)
);
