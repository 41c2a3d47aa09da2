DROP TABLE automation_events;
DROP TABLE automation_run_items;
DROP TABLE automation_runs;
DROP TABLE automation_configs;
