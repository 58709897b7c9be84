-- Shared by SQLite, H2 and PostgreSQL (see db/Database).
-- Workshops an instructor can run (issue 16, item 7): a description (Markdown), and the window in
-- which submissions are taken: opens_at and closes_at, UTC instants, NULL meaning "no limit on
-- that side". Exercises get an explicit order (sort_order) so the instructor can move them;
-- existing exercises keep the order they were shown in, which was by id.
ALTER TABLE workshops ADD COLUMN description TEXT;
ALTER TABLE workshops ADD COLUMN opens_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE workshops ADD COLUMN closes_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE workshop_exercises ADD COLUMN sort_order INTEGER;
UPDATE workshop_exercises SET sort_order = id;
-- The instructor's per-participant history reads submissions by person.
CREATE INDEX workshop_submissions_user ON workshop_submissions (user_id, exercise_id);
