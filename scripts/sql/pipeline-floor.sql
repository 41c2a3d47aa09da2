-- The pipeline bench's floor: the rows a finished run wrote (its clusters, the keywords' cluster
-- mapping, ideas, tasks, articles, images, ledger and usage rows, run items and events), written
-- again by bare bulk SQL into the same tables, with the same indexes, checks and foreign keys.
-- No orchestration that has to persist these rows can take less. Everything happens in one
-- transaction that is rolled back, so the run stays as it was; the ledger's immutability
-- triggers are disabled inside it only to take the rows out before writing them back.
-- It expects the bench's scratch database, which holds the bench's one account: it takes out
-- every row of these tables (all but the ledger rows outside the usage logs). Not for a shared
-- database. Prints `floor <rows> rows <ms> ms` as a NOTICE.
BEGIN;
ALTER TABLE credit_transactions DISABLE TRIGGER credit_transactions_immutable;
ALTER TABLE credit_usage_logs DISABLE TRIGGER credit_usage_logs_immutable;
DO $$
DECLARE
    -- in insertion order (parents first)
    tabs text[] := ARRAY['clusters', 'content_ideas', 'idea_keywords', 'tasks', 'taxonomies', 'content',
                         'content_taxonomies', 'images', 'credit_transactions', 'credit_usage_logs',
                         'automation_run_items', 'automation_events'];
    t text;
    i int;
    cols text;
    n bigint;
    rows bigint := 0;
    t0 timestamptz;
BEGIN
    CREATE TEMP TABLE floor_keywords ON COMMIT DROP AS
        SELECT id, cluster_id, status, updated_at FROM keywords WHERE cluster_id IS NOT NULL;
    FOREACH t IN ARRAY tabs LOOP
        IF t IN ('credit_transactions') THEN
            EXECUTE format('CREATE TEMP TABLE floor_%s ON COMMIT DROP AS SELECT * FROM %I WHERE id IN (SELECT transaction_id FROM credit_usage_logs)', t, t);
        ELSE
            EXECUTE format('CREATE TEMP TABLE floor_%s ON COMMIT DROP AS SELECT * FROM %I', t, t);
        END IF;
    END LOOP;
    FOR i IN REVERSE array_length(tabs, 1)..1 LOOP
        t := tabs[i];
        IF t = 'credit_transactions' THEN
            DELETE FROM credit_transactions WHERE id IN (SELECT id FROM floor_credit_transactions);
        ELSE
            EXECUTE format('DELETE FROM %I', t);
        END IF;
    END LOOP;
    UPDATE keywords k SET cluster_id = NULL, status = 'new' FROM floor_keywords f WHERE k.id = f.id;
    t0 := clock_timestamp();
    FOREACH t IN ARRAY tabs LOOP
        SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = t AND is_generated = 'NEVER';
        EXECUTE format('INSERT INTO %I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM floor_%s', t, cols, cols, t);
        GET DIAGNOSTICS n = ROW_COUNT;
        rows := rows + n;
        IF t = 'clusters' THEN
            UPDATE keywords k SET cluster_id = f.cluster_id, status = f.status, updated_at = f.updated_at
                FROM floor_keywords f WHERE k.id = f.id;
            GET DIAGNOSTICS n = ROW_COUNT;
            rows := rows + n;
        END IF;
    END LOOP;
    RAISE NOTICE 'floor % rows % ms', rows, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
END $$;
ROLLBACK;
