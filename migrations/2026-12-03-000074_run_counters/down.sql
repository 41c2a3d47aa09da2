DROP INDEX automation_run_items_gave_up;
ALTER TABLE automation_runs DROP COLUMN stage_cursor, DROP COLUMN stage_consumed;
