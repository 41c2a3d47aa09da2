DROP TRIGGER ai_tasks_notify ON ai_tasks;
DROP FUNCTION ai_task_notify();
