//! The diesel schema, kept in step with `migrations/` (checked by the schema tests).
//! `fang_tasks` is fang's own table (`fang::fang_tasks`) and is not repeated here.
#![allow(missing_docs)]

diesel::table! {
    industries (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        description -> Text,
        is_active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    industry_sectors (id) {
        id -> Int8,
        industry_id -> Int8,
        slug -> Text,
        name -> Text,
        description -> Text,
        is_active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    plans (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        price_cents -> Int8,
        annual_price_cents -> Int8,
        currency -> Text,
        included_credits -> Int8,
        max_sites -> Int4,
        max_users -> Int4,
        max_keywords -> Int4,
        max_sectors_per_site -> Int4,
        features -> Jsonb,
        is_active -> Bool,
        is_internal -> Bool,
        sort_order -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    rate_limit_hits (id) {
        id -> Int8,
        key -> Text,
        hit_at -> Timestamptz,
    }
}

diesel::table! {
    accounts (id) {
        id -> Int8,
        name -> Text,
        slug -> Text,
        status -> Text,
        plan_id -> Int8,
        timezone -> Text,
        billing_email -> Text,
        billing_name -> Text,
        billing_address -> Text,
        billing_country -> Text,
        tax_id -> Text,
        is_system -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        id -> Int8,
        account_id -> Int8,
        email -> Text,
        password_hash -> Text,
        first_name -> Text,
        last_name -> Text,
        role -> Text,
        is_active -> Bool,
        is_staff -> Bool,
        last_login_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sites (id) {
        id -> Int8,
        account_id -> Int8,
        name -> Text,
        slug -> Text,
        domain -> Text,
        industry_id -> Nullable<Int8>,
        is_active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sectors (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        industry_sector_id -> Int8,
        name -> Text,
        slug -> Text,
        is_active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    site_user_access (id) {
        id -> Int8,
        account_id -> Int8,
        user_id -> Int8,
        site_id -> Int8,
        granted_by -> Nullable<Int8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    auth_sessions (id) {
        id -> Int8,
        account_id -> Int8,
        user_id -> Int8,
        current_jti -> Uuid,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        revoked_reason -> Nullable<Text>,
        user_agent -> Text,
    }
}

diesel::table! {
    password_reset_tokens (id) {
        id -> Int8,
        account_id -> Int8,
        user_id -> Int8,
        token_hash -> Text,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Int8,
        account_id -> Int8,
        to_email -> Text,
        subject -> Text,
        body_text -> Text,
        kind -> Text,
        status -> Text,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        account_id -> Int8,
        kind -> Text,
        level -> Text,
        title -> Text,
        message -> Text,
        data -> Jsonb,
        dedupe_key -> Nullable<Text>,
        read_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    ai_tasks (id) {
        id -> Int8,
        account_id -> Int8,
        function -> Text,
        status -> Text,
        phase -> Text,
        progress -> Int4,
        input -> Jsonb,
        result -> Nullable<Jsonb>,
        error -> Nullable<Text>,
        attempts -> Int4,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        started_at -> Nullable<Timestamptz>,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    seed_keywords (id) {
        id -> Int8,
        industry_sector_id -> Int8,
        keyword -> Text,
        volume -> Int4,
        difficulty -> Int2,
        intent -> Text,
        country -> Text,
        is_active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    clusters (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        sector_id -> Int8,
        name -> Text,
        description -> Text,
        status -> Text,
        disabled -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    keywords (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        sector_id -> Int8,
        keyword -> Text,
        volume -> Int4,
        difficulty -> Nullable<Int2>,
        intent -> Nullable<Text>,
        cpc_cents -> Nullable<Int4>,
        country -> Nullable<Text>,
        status -> Text,
        disabled -> Bool,
        cluster_id -> Nullable<Int8>,
        seed_keyword_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    content_ideas (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        sector_id -> Int8,
        cluster_id -> Nullable<Int8>,
        idea_title -> Text,
        description -> Text,
        outline -> Jsonb,
        content_type -> Text,
        content_structure -> Text,
        estimated_word_count -> Int4,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    idea_keywords (account_id, idea_id, keyword_id) {
        account_id -> Int8,
        site_id -> Int8,
        sector_id -> Int8,
        idea_id -> Int8,
        keyword_id -> Int8,
        position -> Int4,
    }
}

diesel::joinable!(industry_sectors -> industries (industry_id));
diesel::joinable!(accounts -> plans (plan_id));
diesel::joinable!(users -> accounts (account_id));
diesel::joinable!(sites -> accounts (account_id));
diesel::joinable!(sites -> industries (industry_id));
diesel::joinable!(sectors -> sites (site_id));
diesel::joinable!(sectors -> industry_sectors (industry_sector_id));
diesel::joinable!(site_user_access -> sites (site_id));
diesel::joinable!(site_user_access -> users (user_id));
diesel::joinable!(auth_sessions -> users (user_id));
diesel::joinable!(password_reset_tokens -> users (user_id));
diesel::joinable!(seed_keywords -> industry_sectors (industry_sector_id));
diesel::joinable!(keywords -> seed_keywords (seed_keyword_id));
diesel::joinable!(keywords -> clusters (cluster_id));
diesel::joinable!(content_ideas -> clusters (cluster_id));
diesel::joinable!(idea_keywords -> content_ideas (idea_id));
diesel::joinable!(idea_keywords -> keywords (keyword_id));

diesel::allow_tables_to_appear_in_same_query!(
    industries,
    industry_sectors,
    plans,
    rate_limit_hits,
    accounts,
    users,
    sites,
    sectors,
    site_user_access,
    auth_sessions,
    password_reset_tokens,
    email_outbox,
    seed_keywords,
    clusters,
    keywords,
    content_ideas,
    idea_keywords,
    notifications,
    ai_tasks,
);
