-- Live progress of AI tasks: whatever changes what `GET /api/v1/system/ai-tasks/{id}/` shows
-- notifies channel `ai_task_events` with the task's id, delivered when the change commits. The
-- API's one listener fans it out to the task's event streams, which then read the task again
-- (the notification carries no state, so a stream never shows one that did not commit).
CREATE FUNCTION ai_task_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ai_task_events', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER ai_tasks_notify AFTER UPDATE ON ai_tasks FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.phase IS DISTINCT FROM NEW.phase
          OR OLD.progress IS DISTINCT FROM NEW.progress OR OLD.message IS DISTINCT FROM NEW.message
          OR OLD.error IS DISTINCT FROM NEW.error OR OLD.result IS DISTINCT FROM NEW.result)
    EXECUTE FUNCTION ai_task_notify();
