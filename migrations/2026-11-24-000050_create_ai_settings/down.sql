DROP TABLE account_ai_settings;
DROP TABLE ai_prompt_overrides;
