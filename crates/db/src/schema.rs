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
        body_html -> Nullable<Text>,
        next_attempt_at -> Timestamptz,
        dedupe_key -> Nullable<Text>,
    }
}

diesel::table! {
    gateway_checkouts (id) {
        id -> Int8,
        account_id -> Int8,
        invoice_id -> Int8,
        provider -> Text,
        session_id -> Text,
        url -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    gateway_events (provider, event_id) {
        provider -> Text,
        event_id -> Text,
        event_type -> Text,
        payload -> Jsonb,
        outcome -> Text,
        received_at -> Timestamptz,
    }
}

diesel::table! {
    email_attachments (id) {
        id -> Int8,
        account_id -> Int8,
        email_id -> Int8,
        filename -> Text,
        content_type -> Text,
        content -> Bytea,
    }
}

diesel::table! {
    credit_operation_costs (id) {
        id -> Int8,
        operation -> Text,
        name -> Text,
        kind -> Text,
        min_credits -> Int8,
        est_tokens_per_item -> Int8,
        is_active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    credit_model_rates (id) {
        id -> Int8,
        model -> Text,
        name -> Text,
        kind -> Text,
        tokens_per_credit -> Nullable<Int8>,
        credits_per_image -> Nullable<Int8>,
        quality_tier -> Nullable<Text>,
        input_usd_micros_per_mtok -> Int8,
        output_usd_micros_per_mtok -> Int8,
        usd_micros_per_image -> Int8,
        is_default -> Bool,
        is_active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    credit_packages (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        credits -> Int8,
        price_cents -> Int8,
        currency -> Text,
        is_active -> Bool,
        sort_order -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    credit_balances (account_id) {
        account_id -> Int8,
        plan_credits -> Int8,
        bonus_credits -> Int8,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    credit_holds (id) {
        id -> Int8,
        account_id -> Int8,
        reference -> Text,
        held -> Int8,
        remaining -> Int8,
        created_at -> Timestamptz,
        released_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    credit_transactions (id) {
        id -> Int8,
        account_id -> Int8,
        kind -> Text,
        pool -> Text,
        amount -> Int8,
        balance_after -> Int8,
        reference -> Text,
        description -> Text,
        operation -> Nullable<Text>,
        idempotency_key -> Nullable<Text>,
        parent_id -> Nullable<Int8>,
        refund_of_id -> Nullable<Int8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    credit_usage_logs (id) {
        id -> Int8,
        account_id -> Int8,
        transaction_id -> Nullable<Int8>,
        operation -> Text,
        credits -> Int8,
        model -> Text,
        tokens_in -> Int8,
        tokens_out -> Int8,
        cost_usd_micros -> Int8,
        created_at -> Timestamptz,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> Int8,
        account_id -> Int8,
        plan_id -> Int8,
        billing_cycle -> Text,
        status -> Text,
        current_period_start -> Nullable<Timestamptz>,
        current_period_end -> Nullable<Timestamptz>,
        auto_renew -> Bool,
        cancelled_at -> Nullable<Timestamptz>,
        open_invoice_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    invoice_sequences (account_id, period) {
        account_id -> Int8,
        period -> Text,
        last_value -> Int4,
    }
}

diesel::table! {
    invoices (id) {
        id -> Int8,
        account_id -> Int8,
        invoice_number -> Text,
        invoice_type -> Text,
        status -> Text,
        subscription_id -> Nullable<Int8>,
        plan_id -> Nullable<Int8>,
        billing_cycle -> Nullable<Text>,
        period_start -> Nullable<Timestamptz>,
        period_end -> Nullable<Timestamptz>,
        credit_package_id -> Nullable<Int8>,
        credits -> Int8,
        line_items -> Jsonb,
        subtotal_cents -> Int8,
        tax_cents -> Int8,
        total_cents -> Int8,
        currency -> Text,
        billing_contact -> Jsonb,
        issued_at -> Timestamptz,
        paid_at -> Nullable<Timestamptz>,
        voided_at -> Nullable<Timestamptz>,
        void_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    payments (id) {
        id -> Int8,
        account_id -> Int8,
        invoice_id -> Int8,
        amount_cents -> Int8,
        currency -> Text,
        payment_method -> Text,
        status -> Text,
        transaction_reference -> Text,
        submitted_by -> Nullable<Int8>,
        reviewed_by -> Nullable<Int8>,
        reviewed_at -> Nullable<Timestamptz>,
        failure_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
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
        message -> Nullable<Text>,
    }
}

diesel::table! {
    ai_prompt_overrides (account_id, prompt_type) {
        account_id -> Int8,
        prompt_type -> Text,
        prompt_value -> Text,
        updated_by -> Nullable<Int8>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    account_ai_settings (account_id) {
        account_id -> Int8,
        provider -> Nullable<Text>,
        base_url -> Nullable<Text>,
        api_key_encrypted -> Nullable<Text>,
        api_key_last4 -> Nullable<Text>,
        text_model -> Nullable<Text>,
        image_model -> Nullable<Text>,
        n_in_article_images -> Nullable<Int4>,
        image_width -> Nullable<Int4>,
        image_height -> Nullable<Int4>,
        image_format -> Nullable<Text>,
        updated_by -> Nullable<Int8>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    tasks (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        sector_id -> Int8,
        cluster_id -> Nullable<Int8>,
        idea_id -> Nullable<Int8>,
        title -> Text,
        description -> Text,
        outline -> Nullable<Jsonb>,
        keywords -> Text,
        primary_keyword -> Text,
        secondary_keywords -> Jsonb,
        content_type -> Text,
        content_structure -> Text,
        word_count -> Int4,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    content (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        sector_id -> Int8,
        cluster_id -> Nullable<Int8>,
        idea_id -> Nullable<Int8>,
        task_id -> Nullable<Int8>,
        title -> Text,
        content_html -> Text,
        word_count -> Int4,
        meta_title -> Text,
        meta_description -> Text,
        primary_keyword -> Text,
        secondary_keywords -> Jsonb,
        content_type -> Text,
        content_structure -> Text,
        status -> Text,
        site_status -> Text,
        scheduled_publish_at -> Nullable<Timestamptz>,
        external_id -> Nullable<Text>,
        external_url -> Nullable<Text>,
        source -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        published_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    taxonomies (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        name -> Text,
        slug -> Text,
        taxonomy_type -> Text,
        external_id -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    content_taxonomies (account_id, content_id, taxonomy_id) {
        account_id -> Int8,
        site_id -> Int8,
        content_id -> Int8,
        taxonomy_id -> Int8,
    }
}

diesel::table! {
    images (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        content_id -> Int8,
        image_type -> Text,
        position -> Int4,
        prompt -> Text,
        status -> Text,
        url -> Nullable<Text>,
        storage_key -> Nullable<Text>,
        sha256 -> Nullable<Text>,
        width -> Nullable<Int4>,
        height -> Nullable<Int4>,
        format -> Nullable<Text>,
        byte_size -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
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
        volume -> Nullable<Int4>,
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
diesel::joinable!(credit_balances -> accounts (account_id));
diesel::joinable!(credit_usage_logs -> credit_transactions (transaction_id));
diesel::joinable!(subscriptions -> plans (plan_id));
diesel::joinable!(invoices -> credit_packages (credit_package_id));
diesel::joinable!(payments -> invoices (invoice_id));

diesel::joinable!(content -> tasks (task_id));
diesel::joinable!(content_taxonomies -> content (content_id));
diesel::joinable!(content_taxonomies -> taxonomies (taxonomy_id));
diesel::joinable!(images -> content (content_id));

diesel::joinable!(seed_keywords -> industry_sectors (industry_sector_id));
diesel::joinable!(keywords -> seed_keywords (seed_keyword_id));
diesel::joinable!(keywords -> clusters (cluster_id));
diesel::table! {
    automation_configs (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        enabled -> Bool,
        frequency -> Text,
        scheduled_hour -> Int2,
        scheduled_weekday -> Int2,
        scheduled_day_of_month -> Int2,
        stage_1_batch_size -> Int4,
        stage_2_batch_size -> Int4,
        stage_3_batch_size -> Int4,
        stage_4_batch_size -> Int4,
        stage_5_batch_size -> Int4,
        stage_6_batch_size -> Int4,
        within_stage_delay_secs -> Int4,
        between_stage_delay_secs -> Int4,
        max_keywords_per_run -> Nullable<Int4>,
        max_clusters_per_run -> Nullable<Int4>,
        max_ideas_per_run -> Nullable<Int4>,
        max_tasks_per_run -> Nullable<Int4>,
        max_content_per_run -> Nullable<Int4>,
        max_images_per_run -> Nullable<Int4>,
        max_credits_per_run -> Nullable<Int8>,
        auto_approve -> Bool,
        last_run_at -> Nullable<Timestamptz>,
        next_run_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    automation_runs (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        trigger -> Text,
        status -> Text,
        current_stage -> Int2,
        stage_batch -> Int4,
        step_seq -> Int4,
        step_attempts -> Int4,
        stage_times -> Jsonb,
        total_credits -> Int8,
        initial_snapshot -> Jsonb,
        settings -> Jsonb,
        pause_reason -> Nullable<Text>,
        error -> Nullable<Text>,
        created_by -> Nullable<Int8>,
        started_at -> Timestamptz,
        paused_at -> Nullable<Timestamptz>,
        cancelled_at -> Nullable<Timestamptz>,
        completed_at -> Nullable<Timestamptz>,
        updated_at -> Timestamptz,
        stage_consumed -> Int8,
        stage_cursor -> Int8,
    }
}

diesel::table! {
    automation_run_items (run_id, item_key) {
        account_id -> Int8,
        run_id -> Int8,
        stage -> Int2,
        item_key -> Text,
        item_id -> Int8,
        outcome -> Text,
        inputs -> Int4,
        created -> Int4,
        credits -> Int8,
        provider_us -> Int8,
        reason -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    automation_events (id) {
        id -> Int8,
        account_id -> Int8,
        run_id -> Int8,
        kind -> Text,
        stage -> Nullable<Int2>,
        message -> Text,
        data -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(content_ideas -> clusters (cluster_id));
diesel::joinable!(idea_keywords -> content_ideas (idea_id));
diesel::joinable!(idea_keywords -> keywords (keyword_id));

diesel::table! {
    site_api_keys (account_id, site_id) {
        account_id -> Int8,
        site_id -> Int8,
        key_hash -> Bytea,
        key_enc -> Text,
        key_suffix -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    integration_sites (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        platform -> Text,
        site_url -> Text,
        mode -> Text,
        username -> Text,
        credentials_enc -> Nullable<Text>,
        is_active -> Bool,
        sync_enabled -> Bool,
        connection_status -> Text,
        sync_status -> Text,
        last_checked_at -> Nullable<Timestamptz>,
        last_sync_at -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        site_structure -> Jsonb,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sync_events (id) {
        id -> Int8,
        account_id -> Int8,
        site_id -> Int8,
        integration_id -> Int8,
        content_id -> Nullable<Int8>,
        action -> Text,
        success -> Bool,
        attempt -> Int4,
        duration_ms -> Int4,
        http_status -> Nullable<Int4>,
        error_code -> Nullable<Text>,
        error_message -> Nullable<Text>,
        external_id -> Nullable<Text>,
        details -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    publishing_settings (account_id, site_id) {
        account_id -> Int8,
        site_id -> Int8,
        auto_publish_enabled -> Bool,
        daily_limit -> Int4,
        weekly_limit -> Int4,
        publish_days -> Array<Int2>,
        time_slots -> Array<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(sync_events -> integration_sites (integration_id));

diesel::table! {
    gateway_customers (account_id) {
        account_id -> Int8,
        provider -> Text,
        customer_id -> Text,
        payment_intent_id -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    gateway_charges (account_id, invoice_id) {
        account_id -> Int8,
        invoice_id -> Int8,
        provider -> Text,
        intent_id -> Nullable<Text>,
        status -> Text,
        error -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    seed_keywords,
    clusters,
    keywords,
    content_ideas,
    idea_keywords,
    tasks,
    content,
    taxonomies,
    content_taxonomies,
    images,
    notifications,
    ai_tasks,
    ai_prompt_overrides,
    account_ai_settings,
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
    email_attachments,
    email_outbox,
    gateway_checkouts,
    gateway_events,
    credit_operation_costs,
    credit_model_rates,
    credit_packages,
    credit_balances,
    credit_transactions,
    credit_usage_logs,
    subscriptions,
    invoice_sequences,
    invoices,
    payments,
    automation_configs,
    automation_runs,
    automation_run_items,
    automation_events,
    site_api_keys,
    integration_sites,
    sync_events,
    publishing_settings,
    gateway_customers,
    gateway_charges,
);
