-- Hot paths: session-state invalidation for the API's cache, an index-driven job fetch, and the
-- keyword list's most used ordering served by an index.

-- 1. The API keeps the result of authenticating a session (user, role, account status) in
-- memory. Whatever changes that result notifies channel `igny8_auth`, from whichever process
-- or SQL session makes the change, delivered when the change commits:
--   s:<session id>  a session was revoked or deleted
--   u:<user id>     a user's role, activity, staff flag, account or password changed, or it was deleted
--   a:<account id>  an account's status changed, or it was deleted
CREATE FUNCTION igny8_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_id := OLD.id;
    ELSE
        row_id := NEW.id;
    END IF;
    PERFORM pg_notify('igny8_auth', TG_ARGV[0] || ':' || row_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER auth_sessions_notify_update AFTER UPDATE ON auth_sessions FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION igny8_auth_notify('s');
CREATE TRIGGER auth_sessions_notify_delete AFTER DELETE ON auth_sessions FOR EACH ROW
    EXECUTE FUNCTION igny8_auth_notify('s');

CREATE TRIGGER users_notify_update AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.is_active IS DISTINCT FROM NEW.is_active
          OR OLD.is_staff IS DISTINCT FROM NEW.is_staff OR OLD.account_id IS DISTINCT FROM NEW.account_id
          OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
    EXECUTE FUNCTION igny8_auth_notify('u');
CREATE TRIGGER users_notify_delete AFTER DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION igny8_auth_notify('u');

CREATE TRIGGER accounts_notify_update AFTER UPDATE ON accounts FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION igny8_auth_notify('a');
CREATE TRIGGER accounts_notify_delete AFTER DELETE ON accounts FOR EACH ROW
    EXECUTE FUNCTION igny8_auth_notify('a');

-- 2. fang fetches `ORDER BY created_at, scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED` among the
-- type's pending rows. With this index the first pending row is the first index entry, so the
-- fetch reads one entry instead of sorting every queued row; the worker's fetch also tells the
-- planner to use it (see db::jobs::fetch), so stale statistics after an idle period cannot
-- turn it into a sort.
DROP INDEX fang_tasks_fetch;
CREATE INDEX fang_tasks_fetch ON fang_tasks (task_type, created_at, scheduled_at) WHERE state IN ('new', 'retried');

-- 3. The keyword list filtered by site and sector and ordered by volume, highest first (the
-- planner's default view in the SPA), without a sort.
CREATE INDEX keywords_list_volume ON keywords (account_id, site_id, sector_id, volume DESC NULLS LAST, id DESC);

-- 4. fang's own indexes on state, task_type and scheduled_at serve none of our queries (the fetch,
-- the reaper and the unique lookups have their own), yet every claim of a task writes an entry
-- into each: gone.
DROP INDEX fang_tasks_state_index;
DROP INDEX fang_tasks_type_index;
DROP INDEX fang_tasks_scheduled_at_index;

-- 5. A keyword's sector determines its site and account: without this the planner multiplies
-- the three filters' selectivities and expects 1 row where a sector holds thousands.
CREATE STATISTICS keywords_scope (dependencies, ndistinct) ON account_id, site_id, sector_id FROM keywords;
