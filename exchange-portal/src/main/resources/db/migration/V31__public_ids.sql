-- Shared by SQLite and PostgreSQL (see db/Database).
-- Public identifiers for circuits, versions and runs: what URLs, the API and citations use, so
-- that a link given out always names the same item, even after a crash or after restoring an
-- older backup (when the integer ids of items made after that backup could be handed out again
-- to new items). New rows get 12 random characters of Crockford's base-32 alphabet (60 bits,
-- PublicIds.random); the integer ids stay internal, and old integer URLs redirect (301).
--
-- Rows older than this migration get ids derived from their integer ids by two affine
-- permutations modulo the prime 1073741789 (just below 2^30), written out in base 32: random-
-- looking but deterministic, so the same old database (say a backup restored and migrated
-- later) always gets the same public ids, and distinct rows get distinct ids (the first six
-- characters alone are a bijection of ids below 2^30). Versions mix the circuit into the first
-- six characters and offset the version number by it in the last six, which again cannot
-- collide. All arithmetic stays below 2^62, and only SQL both databases accept is used.
ALTER TABLE circuits ADD COLUMN public_id VARCHAR(16);
ALTER TABLE circuit_versions ADD COLUMN public_id VARCHAR(16);
ALTER TABLE runs ADD COLUMN public_id VARCHAR(16);

UPDATE circuits SET public_id =
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((id % 1073741789) * 1103515245 + 12345) % 1073741789) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1103515245 + 12345) % 1073741789) / 32) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1103515245 + 12345) % 1073741789) / 1024) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1103515245 + 12345) % 1073741789) / 32768) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1103515245 + 12345) % 1073741789) / 1048576) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1103515245 + 12345) % 1073741789) / 33554432) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((id % 1073741789) * 1664525 + 1013904223) % 1073741789) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1664525 + 1013904223) % 1073741789) / 32) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1664525 + 1013904223) % 1073741789) / 1024) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1664525 + 1013904223) % 1073741789) / 32768) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1664525 + 1013904223) % 1073741789) / 1048576) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 1664525 + 1013904223) % 1073741789) / 33554432) % 32 AS INTEGER) + 1, 1)
WHERE public_id IS NULL;

UPDATE circuit_versions SET public_id =
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((circuit_id % 1073741789) * 69069 + 362437) % 1073741789) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((circuit_id % 1073741789) * 69069 + 362437) % 1073741789) / 32) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((circuit_id % 1073741789) * 69069 + 362437) % 1073741789) / 1024) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((circuit_id % 1073741789) * 69069 + 362437) % 1073741789) / 32768) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((circuit_id % 1073741789) * 69069 + 362437) % 1073741789) / 1048576) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((circuit_id % 1073741789) * 69069 + 362437) % 1073741789) / 33554432) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((version + (circuit_id % 1073741789) * 1566083941) % 1073741824) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((version + (circuit_id % 1073741789) * 1566083941) % 1073741824) / 32) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((version + (circuit_id % 1073741789) * 1566083941) % 1073741824) / 1024) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((version + (circuit_id % 1073741789) * 1566083941) % 1073741824) / 32768) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((version + (circuit_id % 1073741789) * 1566083941) % 1073741824) / 1048576) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((version + (circuit_id % 1073741789) * 1566083941) % 1073741824) / 33554432) % 32 AS INTEGER) + 1, 1)
WHERE public_id IS NULL;

UPDATE runs SET public_id =
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((id % 1073741789) * 214013 + 2531011) % 1073741789) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 214013 + 2531011) % 1073741789) / 32) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 214013 + 2531011) % 1073741789) / 1024) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 214013 + 2531011) % 1073741789) / 32768) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 214013 + 2531011) % 1073741789) / 1048576) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 214013 + 2531011) % 1073741789) / 33554432) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST((((id % 1073741789) * 22695477 + 1) % 1073741789) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 22695477 + 1) % 1073741789) / 32) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 22695477 + 1) % 1073741789) / 1024) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 22695477 + 1) % 1073741789) / 32768) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 22695477 + 1) % 1073741789) / 1048576) % 32 AS INTEGER) + 1, 1) ||
    substr('0123456789abcdefghjkmnpqrstvwxyz', CAST(((((id % 1073741789) * 22695477 + 1) % 1073741789) / 33554432) % 32 AS INTEGER) + 1, 1)
WHERE public_id IS NULL;

CREATE UNIQUE INDEX circuits_public_id ON circuits (public_id);
CREATE UNIQUE INDEX circuit_versions_public_id ON circuit_versions (public_id);
CREATE UNIQUE INDEX runs_public_id ON runs (public_id);
