-- A keyword's search volume may be unknown (a Search Console export has none): NULL, not 0,
-- which would claim "no searches". Difficulty and CPC were nullable already.
ALTER TABLE keywords ALTER COLUMN volume DROP NOT NULL, ALTER COLUMN volume DROP DEFAULT;
