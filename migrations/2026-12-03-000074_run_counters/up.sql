-- What a pipeline step needs from its run's items, kept on the run row in the same transaction
-- as each item's record, so a step costs the same at item 10 and item 100,000:
--   total_credits  (existing) now grows with every saved item, not once per batch;
--   stage_consumed  input units of the current stage's saved items (for the stage's cap);
--   stage_cursor    the highest item id a batch of the current stage took: the next batch reads
--                   the pending items above it, so no step walks the items already done.
ALTER TABLE automation_runs
    ADD COLUMN stage_consumed bigint NOT NULL DEFAULT 0 CHECK (stage_consumed >= 0),
    ADD COLUMN stage_cursor bigint NOT NULL DEFAULT 0 CHECK (stage_cursor >= 0);

-- Runs that may still take steps start from their items.
UPDATE automation_runs r
   SET total_credits = (SELECT COALESCE(SUM(i.credits), 0) FROM automation_run_items i
                         WHERE i.account_id = r.account_id AND i.run_id = r.id),
       stage_consumed = (SELECT COALESCE(SUM(i.inputs), 0) FROM automation_run_items i
                          WHERE i.account_id = r.account_id AND i.run_id = r.id
                            AND i.stage = r.current_stage AND i.outcome = 'saved')
 WHERE r.status IN ('running', 'paused');

-- The items a run gave up on (failed or skipped), which its next batches leave out: read by id
-- range without walking the saved ones.
CREATE INDEX automation_run_items_gave_up ON automation_run_items (account_id, run_id, stage, item_id)
    WHERE outcome <> 'saved';
