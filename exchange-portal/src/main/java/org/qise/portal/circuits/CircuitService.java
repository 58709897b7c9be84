package org.qise.portal.circuits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.qise.circuit.Circuit;
import org.qise.portal.Moved;
import org.qise.portal.PortalException;
import org.qise.portal.access.AccessPolicy;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.credit.Licence;
import org.qise.portal.db.Jdbc;
import org.qise.portal.db.PublicIds;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.User;
import org.qise.sim.Manifest;

/**
 * Shared circuits: create, edit (each edit is a new immutable version), fork, comment,
 * delete, and list. Every read goes through the visibility rule ({@link AccessPolicy}): a circuit is visible to its
 * owner and admins; a public one to everyone; a cohort one to members of its cohort. Anything
 * invisible is reported as "not found", so its existence is not revealed.
 *
 * <p>The viewer is null for someone who is not signed in.
 */
public final class CircuitService {
    /** A circuit as shown in lists. */
    public record Summary(long id, String publicId, String title, long ownerId, String ownerName, Visibility visibility,
                          String cohort, int latestVersion, List<String> tags, int numQubits, int numGates,
                          Instant updatedAt) {}

    /** One version of a circuit with its source. */
    public record Version(long circuitId, int version, String publicId, String title, String description, String qasm,
                          int numQubits, int numGates, String authorName, Instant createdAt) {}

    /** A circuit with one of its versions; the fork's origin by its public id. */
    public record Details(Summary summary, Version version, Long forkedFromId, String forkedFromPublicId,
                          Integer forkedFromVersion) {}

    /** A comment; body is Markdown. */
    public record Comment(long id, long authorId, String authorName, String body, Instant createdAt) {}

    /** List filters; null or blank means "any". Author is an email or a user id. */
    public record Filter(String tag, String author, String cohort) {}

    public static final int MAX_TAGS = 10;
    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 20_000;
    public static final int MAX_COMMENT = 5_000;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9+._-]{0,39}");

    private final Jdbc jdbc;
    private final QasmCheck qasmCheck;
    private final AuditLog audit;

    public CircuitService(Jdbc jdbc, QasmCheck qasmCheck, AuditLog audit) {
        this.jdbc = jdbc;
        this.qasmCheck = qasmCheck;
        this.audit = audit;
    }

    /** Checks text as saving would (parser and size limits), for a preview that stores nothing. */
    public Circuit check(String qasm) {
        return qasmCheck.check(qasm);
    }

    /** Creates a circuit at version 1 under the default licence and returns its id. */
    public long create(User owner, CircuitDraft draft) {
        return create(owner, draft, Licence.DEFAULT);
    }

    /**
     * Creates a circuit at version 1 under {@code licence} and returns its id. The licence is
     * written by the statement that inserts the circuit, so a circuit never exists without the
     * licence its author chose, not even for a moment, and a failed write leaves nothing.
     */
    public long create(User owner, CircuitDraft draft, Licence licence) {
        requireSignedIn(owner);
        String title = title(draft.title());
        String description = description(draft.description());
        Circuit circuit = qasmCheck.check(draft.qasm());
        Visibility visibility = draft.visibility() == null ? Visibility.PRIVATE : draft.visibility();
        Long cohortId = cohortFor(owner, visibility, draft.cohort());
        List<String> tags = tags(draft.tags());
        return jdbc.transaction(tx -> {
            Instant now = Instant.now();
            long id = tx.insert("INSERT INTO circuits (public_id, owner_id, visibility, cohort_id, latest_version, deleted, created_at,"
                    + " updated_at, license) VALUES (?, ?, ?, ?, 1, FALSE, ?, ?, ?)", PublicIds.random(), owner.id(), visibility, cohortId,
                    now, now, licence.spdx());
            insertVersion(tx, id, 1, title, description, draft.qasm(), circuit, owner.id(), now);
            insertTags(tx, id, tags);
            return id;
        });
    }

    /** Saves an edit as a new version; only the owner may edit. Returns the new version number. */
    public int update(User editor, long id, CircuitDraft draft) {
        requireSignedIn(editor);
        return update(editor, visibleRow(editor, id), draft);
    }

    /** As {@link #update(User, long, CircuitDraft)} for the circuit a URL names, matched by its public id in the visibility read. */
    public int update(User editor, String ref, CircuitDraft draft) {
        requireSignedIn(editor);
        return update(editor, visibleRow(editor, ref), draft);
    }

    private int update(User editor, Row row, CircuitDraft draft) {
        long id = row.id();
        if (!AccessPolicy.canEdit(editor, row.ownerId())) throw PortalException.forbidden("only the owner may edit this circuit");
        String title = title(draft.title());
        // No description given (an API PUT without the field) keeps the current one; "" clears it.
        String newDescription = draft.description() == null ? null : description(draft.description());
        Circuit circuit = qasmCheck.check(draft.qasm());
        Visibility visibility = draft.visibility() == null ? row.visibility() : draft.visibility();
        boolean sameAudience = visibility == row.visibility() && (draft.cohort() == null || draft.cohort().isBlank());
        Long cohortId = sameAudience ? row.cohortId() : cohortFor(editor, visibility, draft.cohort());
        ForkAudience.check(jdbc, editor.id(), row.forkedFromId(), visibility, cohortId);
        List<String> tags = draft.tags() == null ? null : tags(draft.tags());
        return jdbc.transaction(tx -> {
            Instant now = Instant.now();
            // Guarded by the version read, so two concurrent edits cannot both become version n+1.
            int next = tx.queryOne("SELECT latest_version FROM circuits WHERE id = ?", rs -> rs.getInt(1), id).orElseThrow() + 1;
            int changed = tx.update("UPDATE circuits SET latest_version = ?, visibility = ?, cohort_id = ?, updated_at = ?"
                    + " WHERE id = ? AND latest_version = ?", next, visibility, cohortId, now, id, next - 1);
            if (changed != 1) throw PortalException.conflict("the circuit was edited at the same time; try again");
            String description = newDescription != null ? newDescription : tx.queryOne(
                    "SELECT description FROM circuit_versions WHERE circuit_id = ? AND version = ?", rs -> rs.getString(1), id, next - 1)
                    .orElse("");
            insertVersion(tx, id, next, title, description, draft.qasm(), circuit, editor.id(), now);
            if (tags != null) {
                tx.update("DELETE FROM circuit_tags WHERE circuit_id = ?", id);
                insertTags(tx, id, tags);
            }
            return next;
        });
    }

    /** The circuit with its latest version (or the given one). */
    public Details get(User viewer, long id, Integer version) {
        return details(visibleRow(viewer, id), version);
    }

    /**
     * As {@link #get(User, long, Integer)} for the circuit a URL names: the public id is matched in
     * the same query that reads the circuit for the visibility rule, with no look-up before it.
     * An old integer id is answered as {@link #resolve} answers it.
     */
    public Details get(User viewer, String ref, Integer version) {
        if (!PublicIds.isPublicId(ref)) return get(viewer, resolve(viewer, ref), version);
        return details(visibleRow(viewer, "public_id = ?", ref, ref), version);
    }

    private Details details(Row row, Integer version) {
        long id = row.id();
        int v = version == null ? row.latestVersion() : version;
        Version ver = jdbc.queryOne(VERSION_SELECT + " WHERE v.circuit_id = ? AND v.version = ?", CircuitService::mapVersion, id, v)
                .orElseThrow(() -> PortalException.notFound("version " + v + " of circuit " + id));
        Summary summary = summaries(" AND c.id = ?", List.of(id)).getFirst();
        // The origin may since have been deleted or hidden; its public id is shown all the same, as before its number was.
        String forkedFrom = row.forkedFromId() == null ? null : jdbc.queryOne("SELECT public_id FROM circuits WHERE id = ?",
                rs -> rs.getString(1), row.forkedFromId()).orElse(null);
        return new Details(summary, ver, row.forkedFromId(), forkedFrom, row.forkedFromVersion());
    }

    /** All versions, newest first, without their sources. */
    public List<Version> versions(User viewer, long id) {
        visibleRow(viewer, id);
        return jdbc.query(VERSION_SELECT + " WHERE v.circuit_id = ? ORDER BY v.version DESC", CircuitService::mapVersion, id);
    }

    /** Line diff of the QASM of two versions. */
    public List<LineDiff.Line> diff(User viewer, long id, int from, int to) {
        String a = get(viewer, id, from).version().qasm();
        String b = get(viewer, id, to).version().qasm();
        return LineDiff.diff(a, b);
    }

    /**
     * Copies a visible circuit (latest version unless given) into a new private circuit of the viewer;
     * its first version stays credited to the original's author, and {@link ForkAudience} keeps it
     * from being shared further than the original.
     */
    public long fork(User viewer, long id, Integer version) {
        requireSignedIn(viewer);
        return fork(viewer, get(viewer, id, version));
    }

    /** As {@link #fork(User, long, Integer)} for the circuit a URL names, matched by its public id in the read. */
    public long fork(User viewer, String ref, Integer version) {
        requireSignedIn(viewer);
        return fork(viewer, get(viewer, ref, version));
    }

    private long fork(User viewer, Details source) {
        long id = source.summary().id();
        Version v = source.version();
        Circuit circuit = QasmCheck.parse(v.qasm());
        return jdbc.transaction(tx -> {
            Instant now = Instant.now();
            // A fork may not relicense its origin's work: it keeps the origin's licence, copied in
            // this statement (NULL for an origin older than licences, which credit reads along the chain).
            long forkId = tx.insert("INSERT INTO circuits (public_id, owner_id, visibility, cohort_id, latest_version, forked_from_id,"
                    + " forked_from_version, deleted, created_at, updated_at, license) VALUES (?, ?, ?, NULL, 1, ?, ?, FALSE, ?, ?,"
                    + " (SELECT o.license FROM circuits o WHERE o.id = ?))",
                    PublicIds.random(), viewer.id(), Visibility.PRIVATE, id, v.version(), now, now, id);
            // The fork's first version is the original's work: it stays credited to its author.
            long originalAuthor = tx.queryOne("SELECT author_id FROM circuit_versions WHERE circuit_id = ? AND version = ?",
                    rs -> rs.getLong(1), id, v.version()).orElse(viewer.id());
            insertVersion(tx, forkId, 1, v.title(), v.description(), v.qasm(), circuit, originalAuthor, now);
            insertTags(tx, forkId, source.summary().tags());
            return forkId;
        });
    }

    /** Deletes a circuit (hidden from everyone, kept for the audit trail); owner or admin. */
    public void delete(User actor, long id) {
        requireSignedIn(actor);
        Row row = visibleRow(actor, id);
        if (!AccessPolicy.canRemove(actor, row.ownerId())) {
            throw PortalException.forbidden("only the owner or an admin may delete this circuit");
        }
        jdbc.update("UPDATE circuits SET deleted = TRUE, updated_at = ? WHERE id = ?", Instant.now(), id);
        audit.record(actor.id(), "delete-circuit", "circuit " + publicId(id), null);
    }

    /** Circuits the viewer may see, newest first, at most {@link Page#MAX_LIMIT} (the rest through {@link #page}). */
    public List<Summary> list(User viewer, Filter filter) {
        return page(viewer, filter, null, Page.MAX_LIMIT).items();
    }

    /**
     * One page of the circuits the viewer may see, most recently updated first, after the
     * position {@code cursor} (null: from the start). Keyset paging on (updated_at, id), so a
     * page costs the same at any depth and edits between pages neither repeat nor skip rows
     * that stayed put.
     */
    public Page<Summary> page(User viewer, Filter filter, String cursor, int limit) {
        int size = Page.checkLimit(limit);
        Page.Position after = Page.Position.decode(cursor);
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        AccessPolicy.appendCircuitFilter(viewer, "c", where, params);
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.append(" AND c.id IN (SELECT circuit_id FROM circuit_tags WHERE tag = ?)");
            params.add(filter.tag().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.author() != null && !filter.author().isBlank()) {
            String a = filter.author().strip();
            if (a.chars().allMatch(Character::isDigit) && a.length() < 18) {
                where.append(" AND c.owner_id = ?");
                params.add(Long.parseLong(a));
            } else {
                // By display name, never by email: a list filtered by an address would tell
                // anyone whether, and as whom, that address is registered.
                where.append(" AND u.name = ?");
                params.add(a);
            }
        }
        if (filter.cohort() != null && !filter.cohort().isBlank()) {
            where.append(" AND co.name = ?");
            params.add(filter.cohort().strip());
        }
        if (after != null) {
            where.append(" AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))");
            params.add(after.at());
            params.add(after.at());
            params.add(after.id());
        }
        params.add(size + 1);
        List<Summary> rows = summaries(where + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?", params);
        if (rows.size() <= size) return new Page<>(rows, null);
        Summary last = rows.get(size - 1);
        return new Page<>(rows.subList(0, size), new Page.Position(last.updatedAt(), last.id()).encode());
    }

    public long addComment(User author, long circuitId, String body) {
        requireSignedIn(author);
        return addComment(author, visibleRow(author, circuitId), body);
    }

    /** Comments on the circuit a URL names (its public id matched in the visibility read). */
    public long addComment(User author, String ref, String body) {
        requireSignedIn(author);
        return addComment(author, visibleRow(author, ref), body);
    }

    private long addComment(User author, Row row, String body) {
        long circuitId = row.id();
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) throw PortalException.badRequest("the comment is empty");
        if (text.length() > MAX_COMMENT) throw PortalException.badRequest("a comment may have at most " + MAX_COMMENT + " characters");
        return jdbc.insert("INSERT INTO comments (circuit_id, author_id, body, deleted, created_at) VALUES (?, ?, ?, FALSE, ?)",
                circuitId, author.id(), text, Instant.now());
    }

    public List<Comment> comments(User viewer, long circuitId) {
        return comments(visibleRow(viewer, circuitId));
    }

    /** The comments on the circuit a URL names (its public id matched in the visibility read). */
    public List<Comment> comments(User viewer, String ref) {
        return comments(visibleRow(viewer, ref));
    }

    private List<Comment> comments(Row row) {
        long circuitId = row.id();
        return jdbc.query("SELECT m.id, m.author_id, u.name, m.body, m.created_at FROM comments m JOIN users u ON u.id = m.author_id"
                + " WHERE m.circuit_id = ? AND m.deleted = FALSE ORDER BY m.id", rs -> new Comment(rs.getLong(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), Jdbc.instant(rs, "created_at")), circuitId);
    }

    /** Removes a comment; its author or an admin. */
    public void deleteComment(User actor, long circuitId, long commentId) {
        requireSignedIn(actor);
        deleteComment(actor, visibleRow(actor, circuitId), commentId);
    }

    /** As {@link #deleteComment(User, long, long)} on the circuit a URL names (its public id matched in the visibility read). */
    public void deleteComment(User actor, String ref, long commentId) {
        requireSignedIn(actor);
        deleteComment(actor, visibleRow(actor, ref), commentId);
    }

    private void deleteComment(User actor, Row row, long commentId) {
        long circuitId = row.id();
        Long authorId = jdbc.queryOne("SELECT author_id FROM comments WHERE id = ? AND circuit_id = ? AND deleted = FALSE",
                rs -> rs.getLong(1), commentId, circuitId).orElseThrow(() -> PortalException.notFound("comment"));
        if (!AccessPolicy.canRemove(actor, authorId)) throw PortalException.forbidden("only its author or an admin may delete a comment");
        jdbc.update("UPDATE comments SET deleted = TRUE WHERE id = ?", commentId);
        audit.record(actor.id(), "delete-comment", "comment " + commentId + " on circuit " + publicId(circuitId), null);
    }

    // ---- public ids ----

    /**
     * The internal id of the circuit a URL names by its public id; 404 if none (visibility is
     * checked by whatever reads it next). An old integer id is answered with {@link Moved} to
     * its public id, but only for a viewer who may see the circuit, so a redirect never reveals
     * the public id of someone else's private circuit.
     */
    public long resolve(User viewer, String ref) {
        if (PublicIds.isPublicId(ref)) {
            return jdbc.queryOne("SELECT id FROM circuits WHERE public_id = ? AND deleted = FALSE", rs -> rs.getLong(1), ref)
                    .orElseThrow(() -> PortalException.notFound("circuit " + ref));
        }
        if (PublicIds.isLegacyId(ref)) {
            long id = Long.parseLong(ref);
            visibleRow(viewer, id);
            String publicId = jdbc.queryOne("SELECT public_id FROM circuits WHERE id = ?", rs -> rs.getString(1), id).orElseThrow();
            throw new Moved(ref, publicId);
        }
        throw PortalException.notFound("circuit '" + ref + "'");
    }

    /**
     * The circuit and number of the version a URL names by its own public id; 404 if none.
     * Visibility is checked by {@link #get}, which every caller goes through next.
     */
    public VersionRef versionByPublicId(String ref) {
        if (!PublicIds.isPublicId(ref)) throw PortalException.notFound("version '" + ref + "'");
        return jdbc.queryOne("SELECT v.circuit_id, v.version FROM circuit_versions v JOIN circuits c ON c.id = v.circuit_id"
                + " WHERE v.public_id = ? AND c.deleted = FALSE", rs -> new VersionRef(rs.getLong(1), rs.getInt(2)), ref)
                .orElseThrow(() -> PortalException.notFound("version " + ref));
    }

    /** The public id of a circuit by its internal id (for links from other features); 404 if none. */
    public String publicId(long id) {
        return jdbc.queryOne("SELECT public_id FROM circuits WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow(() -> PortalException.notFound("circuit"));
    }

    // ---- visibility ----

    private record Row(long id, long ownerId, Visibility visibility, Long cohortId, int latestVersion, Long forkedFromId,
                       Integer forkedFromVersion) {}

    /** The circuit row if the viewer may see it; otherwise 404, whether or not it exists. */
    private Row visibleRow(User viewer, long id) {
        return visibleRow(viewer, "id = ?", id, String.valueOf(id));
    }

    /**
     * The circuit row a URL names, if the viewer may see it: a public id is matched in this one
     * query (no look-up before it); an old integer id is answered as {@link #resolve} answers it.
     */
    private Row visibleRow(User viewer, String ref) {
        if (!PublicIds.isPublicId(ref)) return visibleRow(viewer, resolve(viewer, ref));
        return visibleRow(viewer, "public_id = ?", ref, ref);
    }

    /** The same, for the circuit {@code key} (a constant "column = ?") names; {@code what} names it in the 404. */
    private Row visibleRow(User viewer, String key, Object value, String what) {
        Optional<Row> row = jdbc.queryOne("SELECT id, owner_id, visibility, cohort_id, latest_version, forked_from_id,"
                + " forked_from_version FROM circuits WHERE " + key + " AND deleted = FALSE", rs -> new Row(rs.getLong(1),
                rs.getLong(2), Visibility.valueOf(rs.getString(3)), Jdbc.nullableLong(rs, "cohort_id"), rs.getInt(5),
                Jdbc.nullableLong(rs, "forked_from_id"), Jdbc.nullableInt(rs, "forked_from_version")), value);
        if (row.isEmpty() || !canView(viewer, row.get())) throw PortalException.notFound("circuit " + what);
        return row.get();
    }

    private static boolean canView(User viewer, Row row) {
        return AccessPolicy.canView(viewer, new AccessPolicy.Audience(row.ownerId(), row.visibility(), row.cohortId()));
    }

    // ---- queries ----

    private static final String VERSION_SELECT = "SELECT v.circuit_id, v.version, v.public_id, v.title, v.description, v.qasm,"
            + " v.num_qubits, v.num_gates, u.name AS author_name, v.created_at FROM circuit_versions v"
            + " JOIN users u ON u.id = v.author_id";

    private List<Summary> summaries(String whereAndOrder, List<Object> params) {
        String sql = "SELECT c.id, c.public_id, v.title, c.owner_id, u.name AS owner_name, c.visibility, co.name AS cohort,"
                + " c.latest_version, v.num_qubits, v.num_gates, c.updated_at FROM circuits c"
                + " JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version"
                + " JOIN users u ON u.id = c.owner_id LEFT JOIN cohorts co ON co.id = c.cohort_id"
                + " WHERE c.deleted = FALSE" + whereAndOrder;
        List<Summary> rows = jdbc.query(sql, CircuitService::mapSummary, params.toArray());
        return withTags(rows);
    }

    /** Summaries are read without tags; one batched query adds them (never a query per row, nor inside a row mapper). */
    private List<Summary> withTags(List<Summary> rows) {
        if (rows.isEmpty()) return rows;
        java.util.Map<Long, List<String>> tags = new java.util.HashMap<>();
        String marks = String.join(", ", java.util.Collections.nCopies(rows.size(), "?"));
        jdbc.query("SELECT circuit_id, tag FROM circuit_tags WHERE circuit_id IN (" + marks + ") ORDER BY circuit_id, tag",
                rs -> tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)),
                rows.stream().map(Summary::id).toArray());
        return rows.stream().map(r -> new Summary(r.id(), r.publicId(), r.title(), r.ownerId(), r.ownerName(), r.visibility(), r.cohort(),
                r.latestVersion(), List.copyOf(tags.getOrDefault(r.id(), List.of())), r.numQubits(), r.numGates(),
                r.updatedAt())).toList();
    }

    private static Summary mapSummary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("public_id"), rs.getString("title"), rs.getLong("owner_id"), rs.getString("owner_name"),
                Visibility.valueOf(rs.getString("visibility")), rs.getString("cohort"), rs.getInt("latest_version"),
                List.of(), rs.getInt("num_qubits"), rs.getInt("num_gates"), Jdbc.instant(rs, "updated_at"));
    }

    private static Version mapVersion(ResultSet rs) throws SQLException {
        return new Version(rs.getLong("circuit_id"), rs.getInt("version"), rs.getString("public_id"), rs.getString("title"),
                rs.getString("description"), rs.getString("qasm"), rs.getInt("num_qubits"), rs.getInt("num_gates"),
                rs.getString("author_name"), Jdbc.instant(rs, "created_at"));
    }

    private static void insertVersion(Jdbc tx, long id, int version, String title, String description, String qasm,
                                      Circuit circuit, long authorId, Instant now) {
        tx.update("INSERT INTO circuit_versions (circuit_id, version, public_id, title, description, qasm, num_qubits, num_gates,"
                + " author_id, created_at, canonical_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, version, PublicIds.random(), title,
                description, qasm, circuit.numQubits(), circuit.gateCount(), authorId, now, canonicalSha256(circuit));
    }

    /** SHA-256 of the circuit's canonical text: what a pushed result names its circuit by. */
    static String canonicalSha256(Circuit circuit) {
        return Manifest.sha256(Manifest.canonicalText(circuit));
    }

    /** A circuit version, as push matching finds it. */
    public record VersionRef(long circuitId, int version) {}

    /**
     * The version of a circuit the viewer may see whose canonical text has this SHA-256, at any
     * age (an index look-up): the viewer's own circuits first, then the most recently updated;
     * within a circuit its newest matching version.
     */
    public Optional<VersionRef> findByCanonicalSha256(User viewer, String sha256) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        params.add(sha256);
        AccessPolicy.appendCircuitFilter(viewer, "c", where, params);
        params.add(viewer == null ? -1L : viewer.id());
        return jdbc.queryOne("SELECT v.circuit_id, v.version FROM circuit_versions v JOIN circuits c ON c.id = v.circuit_id"
                + " WHERE v.canonical_sha256 = ? AND c.deleted = FALSE" + where
                + " ORDER BY CASE WHEN c.owner_id = ? THEN 0 ELSE 1 END, c.updated_at DESC, c.id DESC, v.version DESC LIMIT 1",
                rs -> new VersionRef(rs.getLong(1), rs.getInt(2)), params.toArray());
    }

    /** Fills canonical_sha256 of versions stored before V30 (a source that no longer parses gets '', which matches nothing). */
    public int backfillCanonicalHashes() {
        record Pending(long circuitId, int version, String qasm) {}
        int filled = 0;
        while (true) {
            List<Pending> batch = jdbc.query("SELECT circuit_id, version, qasm FROM circuit_versions WHERE canonical_sha256 IS NULL"
                    + " LIMIT 200", rs -> new Pending(rs.getLong(1), rs.getInt(2), rs.getString(3)));
            if (batch.isEmpty()) return filled;
            for (Pending p : batch) {
                String sha;
                try {
                    sha = canonicalSha256(QasmCheck.parse(p.qasm()));
                } catch (RuntimeException unreadable) {
                    sha = "";
                }
                jdbc.update("UPDATE circuit_versions SET canonical_sha256 = ? WHERE circuit_id = ? AND version = ?",
                        sha, p.circuitId(), p.version());
                filled++;
            }
        }
    }

    private static void insertTags(Jdbc tx, long id, List<String> tags) {
        for (String tag : tags) tx.update("INSERT INTO circuit_tags (circuit_id, tag) VALUES (?, ?)", id, tag);
    }

    // ---- input rules ----

    private static void requireSignedIn(User user) {
        if (user == null) throw PortalException.unauthorized("sign in first");
    }

    /** The cohort a cohort-visible circuit is shared with: the named one (which the owner must be in) or the first. */
    private static Long cohortFor(User owner, Visibility visibility, String cohortName) {
        if (visibility != Visibility.COHORT) return null;
        List<Cohort> cohorts = owner.cohorts();
        if (cohorts.isEmpty()) throw PortalException.badRequest("you belong to no cohort, so a circuit cannot be shared with one");
        if (cohortName == null || cohortName.isBlank()) return cohorts.getFirst().id();
        return cohorts.stream().filter(c -> c.name().equals(cohortName.strip())).findFirst()
                .orElseThrow(() -> PortalException.badRequest("you are not in a cohort named '" + cohortName.strip() + "'"))
                .id();
    }

    static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) throw PortalException.badRequest("title is required");
        if (t.length() > MAX_TITLE) throw PortalException.badRequest("title is longer than " + MAX_TITLE + " characters");
        return t;
    }

    static String description(String description) {
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) throw PortalException.badRequest("description is longer than " + MAX_DESCRIPTION + " characters");
        return d;
    }

    /** Lower-cased, de-duplicated tags of letters, digits and + . _ - (at most 40 characters each). */
    static List<String> tags(List<String> raw) {
        if (raw == null) return List.of();
        Set<String> tags = new LinkedHashSet<>();
        for (String r : raw) {
            if (r == null) continue;
            for (String part : r.split("[,\\s]+")) {
                String t = part.strip().toLowerCase(Locale.ROOT);
                if (t.isEmpty()) continue;
                if (!TAG.matcher(t).matches()) {
                    throw PortalException.badRequest("tag '" + part + "' may only use letters, digits and + . _ - (at most 40)");
                }
                tags.add(t);
            }
        }
        if (tags.size() > MAX_TAGS) throw PortalException.badRequest("at most " + MAX_TAGS + " tags are allowed");
        return List.copyOf(tags);
    }
}
