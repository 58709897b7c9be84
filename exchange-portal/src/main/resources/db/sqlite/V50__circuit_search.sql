-- SQLite dialect (PostgreSQL: db/identity/V50). Full-text search over circuits: an FTS5 table
-- whose rowid is the circuit id, holding the latest version's title and description, the tags,
-- and the names and institutions of the owner and of every version's author (a fork credits the
-- original's author). Triggers keep it current inside the writing transaction, so no code path
-- that writes circuits, versions, tags or names can forget it. Deleted circuits leave the index.
-- prefix='2 3' keeps prefix indexes, so the type-ahead style "ghz*" stays an index lookup.
CREATE VIRTUAL TABLE circuit_search USING fts5(title, description, tags, people,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER circuit_search_version_added AFTER INSERT ON circuit_versions
BEGIN
    DELETE FROM circuit_search WHERE rowid IN (NEW.circuit_id);
    INSERT INTO circuit_search (rowid, title, description, tags, people)
    SELECT c.id, v.title, v.description,
           COALESCE((SELECT group_concat(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''),
           COALESCE((SELECT group_concat(u.name || ' ' || u.institution, ' ') FROM users u
                     WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id IN (NEW.circuit_id);
END;

CREATE TRIGGER circuit_search_circuit_changed AFTER UPDATE OF latest_version, deleted ON circuits
BEGIN
    DELETE FROM circuit_search WHERE rowid IN (NEW.id);
    INSERT INTO circuit_search (rowid, title, description, tags, people)
    SELECT c.id, v.title, v.description,
           COALESCE((SELECT group_concat(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''),
           COALESCE((SELECT group_concat(u.name || ' ' || u.institution, ' ') FROM users u
                     WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id IN (NEW.id);
END;

CREATE TRIGGER circuit_search_tag_added AFTER INSERT ON circuit_tags
BEGIN
    DELETE FROM circuit_search WHERE rowid IN (NEW.circuit_id);
    INSERT INTO circuit_search (rowid, title, description, tags, people)
    SELECT c.id, v.title, v.description,
           COALESCE((SELECT group_concat(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''),
           COALESCE((SELECT group_concat(u.name || ' ' || u.institution, ' ') FROM users u
                     WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id IN (NEW.circuit_id);
END;

CREATE TRIGGER circuit_search_tag_removed AFTER DELETE ON circuit_tags
BEGIN
    DELETE FROM circuit_search WHERE rowid IN (OLD.circuit_id);
    INSERT INTO circuit_search (rowid, title, description, tags, people)
    SELECT c.id, v.title, v.description,
           COALESCE((SELECT group_concat(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''),
           COALESCE((SELECT group_concat(u.name || ' ' || u.institution, ' ') FROM users u
                     WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id IN (OLD.circuit_id);
END;

CREATE TRIGGER circuit_search_person_renamed AFTER UPDATE OF name, institution ON users
BEGIN
    DELETE FROM circuit_search WHERE rowid IN (SELECT id FROM circuits WHERE owner_id = NEW.id UNION SELECT circuit_id FROM circuit_versions WHERE author_id = NEW.id);
    INSERT INTO circuit_search (rowid, title, description, tags, people)
    SELECT c.id, v.title, v.description,
           COALESCE((SELECT group_concat(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''),
           COALESCE((SELECT group_concat(u.name || ' ' || u.institution, ' ') FROM users u
                     WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id IN (SELECT id FROM circuits WHERE owner_id = NEW.id UNION SELECT circuit_id FROM circuit_versions WHERE author_id = NEW.id);
END;

-- Circuits that existed before this migration.
INSERT INTO circuit_search (rowid, title, description, tags, people)
    SELECT c.id, v.title, v.description,
           COALESCE((SELECT group_concat(t.tag, ' ') FROM circuit_tags t WHERE t.circuit_id = c.id), ''),
           COALESCE((SELECT group_concat(u.name || ' ' || u.institution, ' ') FROM users u
                     WHERE u.id IN (SELECT c.owner_id UNION SELECT a.author_id FROM circuit_versions a WHERE a.circuit_id = c.id)), '')
    FROM circuits c JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version
    WHERE c.deleted = FALSE AND c.id IN (SELECT id FROM circuits);
