-- The SHA-256 of each circuit version's canonical OpenQASM text, so that a pushed result finds
-- its circuit among all versions, not only the newest circuits. Filled in by the portal
-- (existing versions on first use), hence nullable.
ALTER TABLE circuit_versions ADD COLUMN canonical_sha256 VARCHAR(64);
CREATE INDEX circuit_versions_canonical ON circuit_versions (canonical_sha256);
