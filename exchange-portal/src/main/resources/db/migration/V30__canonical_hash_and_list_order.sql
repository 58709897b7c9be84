-- Shared by SQLite and PostgreSQL (see db/Database).
-- Push matching looks a circuit up by the SHA-256 of its canonical text, at any age, through an
-- index instead of scanning the newest circuits; rows written before this column existed are
-- filled in by CircuitService.backfillCanonicalHashes at start-up.
ALTER TABLE circuit_versions ADD COLUMN canonical_sha256 VARCHAR(64);
CREATE INDEX circuit_versions_canonical ON circuit_versions (canonical_sha256);

-- Lists are paged by (updated_at, id), newest first.
CREATE INDEX circuits_updated ON circuits (updated_at, id);
