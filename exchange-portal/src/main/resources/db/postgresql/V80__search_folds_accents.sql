-- PostgreSQL only. Search folds accents, as SQLite's index already does (unicode61
-- remove_diacritics 2, db/sqlite/V50): "Muller" finds "Müller" and "São Paulo" finds "Sao Paulo",
-- both ways. The 'simple' text search configuration keeps accents, so the document and the query
-- both go through search_fold(), which strips them with the unaccent extension.
--
-- unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it. It must
-- live in one schema for the whole database, so it goes into public unless an administrator has
-- already created it elsewhere; it is never put in the portal's own schema, whose DROP ... CASCADE
-- would take it away from every other schema of the database.
--
-- search_fold() names the extension's schema and dictionary explicitly: unaccent(text) alone
-- depends on search_path, so PostgreSQL only calls it STABLE; with both pinned the result
-- depends on the argument only, which is what IMMUTABLE promises (and what an index needs).
DO $migration$
DECLARE
    home text;
BEGIN
    SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'unaccent';
    IF home IS NULL THEN
        CREATE EXTENSION unaccent SCHEMA public;
        home := 'public';
    END IF;
    EXECUTE format($f$
        CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $body$ SELECT %I.unaccent(%L::regdictionary, t) $body$
    $f$, home, quote_ident(home) || '.unaccent');
END
$migration$;

-- As V50's, with every text folded before it becomes words.
CREATE OR REPLACE FUNCTION circuit_search_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM circuit_search WHERE circuit_id = ANY (ids);
    INSERT INTO circuit_search (circuit_id, document)
    SELECT c.id,
           setweight(to_tsvector('simple', search_fold(v.title)), 'A')
           || setweight(to_tsvector('simple', search_fold(COALESCE((SELECT string_agg(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''))), 'A')
           || setweight(to_tsvector('simple', search_fold(COALESCE((SELECT string_agg(u.name || ' ' || u.institution, ' ') FROM users u
                  WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), ''))), 'B')
           || setweight(to_tsvector('simple', search_fold(v.description)), 'C')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id = ANY (ids);
END $$;

-- Circuits indexed before this migration, with their accents still in.
SELECT circuit_search_refresh(ARRAY(SELECT id FROM circuits));
