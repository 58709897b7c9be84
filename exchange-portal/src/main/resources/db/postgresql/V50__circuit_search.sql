-- PostgreSQL only (SQLite: db/sqlite/V50; H2, which only old data folders use, has no search).
-- Full-text search over circuits: one tsvector per circuit, weighted A for the latest version's
-- title and the tags, B for the names and institutions of the owner and of every version's author
-- (a fork credits the original's author), C for the description, behind a GIN index. The 'simple'
-- configuration (no stemming, no stop words) matches SQLite's unicode61 tokenizer, so both stores
-- find the same circuits for the same words. Triggers keep it current inside the writing
-- transaction, so no code path that writes circuits, versions, tags or names can forget it.
CREATE TABLE circuit_search (
    circuit_id  BIGINT PRIMARY KEY REFERENCES circuits (id),
    document    tsvector NOT NULL
);
CREATE INDEX circuit_search_document ON circuit_search USING GIN (document);

-- plpgsql rather than a plain SQL function: its statements' plans are cached per session, which
-- matters when a bulk load fires this once per row.
CREATE FUNCTION circuit_search_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM circuit_search WHERE circuit_id = ANY (ids);
    INSERT INTO circuit_search (circuit_id, document)
    SELECT c.id,
           setweight(to_tsvector('simple', v.title), 'A')
           || setweight(to_tsvector('simple', COALESCE((SELECT string_agg(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), '')), 'A')
           || setweight(to_tsvector('simple', COALESCE((SELECT string_agg(u.name || ' ' || u.institution, ' ') FROM users u
                  WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')), 'B')
           || setweight(to_tsvector('simple', v.description), 'C')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id = ANY (ids);
END $$;

CREATE FUNCTION circuit_search_on_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM circuit_search_refresh(ARRAY[NEW.circuit_id]);
    RETURN NULL;
END $$;
CREATE TRIGGER circuit_search_version_added AFTER INSERT ON circuit_versions
    FOR EACH ROW EXECUTE FUNCTION circuit_search_on_version();

CREATE FUNCTION circuit_search_on_circuit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM circuit_search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END $$;
CREATE TRIGGER circuit_search_circuit_changed AFTER UPDATE OF latest_version, deleted ON circuits
    FOR EACH ROW EXECUTE FUNCTION circuit_search_on_circuit();

CREATE FUNCTION circuit_search_on_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM circuit_search_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.circuit_id ELSE NEW.circuit_id END]);
    RETURN NULL;
END $$;
CREATE TRIGGER circuit_search_tag_changed AFTER INSERT OR DELETE ON circuit_tags
    FOR EACH ROW EXECUTE FUNCTION circuit_search_on_tag();

CREATE FUNCTION circuit_search_on_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM circuit_search_refresh(ARRAY(SELECT id FROM circuits WHERE owner_id = NEW.id
                                         UNION SELECT circuit_id FROM circuit_versions WHERE author_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER circuit_search_person_renamed AFTER UPDATE OF name, institution ON users
    FOR EACH ROW EXECUTE FUNCTION circuit_search_on_person();

-- Circuits that existed before this migration.
SELECT circuit_search_refresh(ARRAY(SELECT id FROM circuits));
