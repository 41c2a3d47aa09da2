DROP TABLE job_outcomes;
