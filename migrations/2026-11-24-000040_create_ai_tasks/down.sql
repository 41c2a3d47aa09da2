DROP TABLE ai_tasks;
