package org.qise.portal.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.qise.portal.circuits.Page;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.db.Database;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.User;
import org.qise.portal.runs.Verification;

/**
 * Finds circuits: full-text search through the database's own index (SQLite FTS5 table
 * {@code circuit_search}, PostgreSQL tsvector + GIN; both kept current by triggers, see the V50
 * migrations; both fold accents, so "muller" finds "Müller": SQLite's tokenizer does it, on
 * PostgreSQL the document and the query go through {@code search_fold}, see V80), filters, three orders with keyset paging, the tags in use, and the "most
 * reproduced" and "recently verified" lists. Every query applies the circuits' visibility rule,
 * so a search never shows, counts or hints at a circuit the viewer may not open.
 */
public final class SearchService {
    /** A circuit as a search shows it. {@code visibility} is its label (public, cohort, private). */
    public record Hit(long id, String publicId, String title, long ownerId, String ownerName, String visibility, String cohort,
                      int latestVersion, List<String> tags, int numQubits, int numGates, Instant createdAt, Instant updatedAt) {}

    /** A circuit and how many times its runs were reproduced or checked. */
    public record Reproduced(Hit circuit, long reproductions) {}

    /** A circuit and when one of its runs was last confirmed by a reproduction. */
    public record Verified(Hit circuit, Instant verifiedAt) {}

    /** A tag and how many circuits the viewer may see carry it. */
    public record TagCount(String tag, long circuits) {}

    public static final int MAX_TAGS_LISTED = 500;

    /** Weights per column of the SQLite index (title, description, tags, people), as PostgreSQL's A, C, A, B. */
    private static final String BM25 = "bm25(circuit_search, 10.0, 2.0, 10.0, 4.0)";
    private static final String AGREED = "('" + Verification.BIT_EXACT + "', '" + Verification.CONSISTENT + "')";

    private final Jdbc jdbc;

    public SearchService(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the circuits the viewer may see that match, after {@code cursor} (null: from the start). */
    public Page<Hit> search(User viewer, SearchQuery query, String cursor, int limit) {
        int size = Page.checkLimit(limit);
        SearchCursor after = SearchCursor.decode(cursor, query.sort());
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        boolean sqlite = jdbc.dialect() == Database.Dialect.SQLITE;
        boolean ranked = query.sort() == SearchQuery.Sort.RELEVANCE;
        Object match = !query.hasWords() ? null : sqlite
                ? query.words().stream().map(w -> "\"" + w + "\"*").collect(Collectors.joining(" "))
                : query.words().stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
        if (ranked) {
            // MATERIALIZED: the matches are scored once through the full-text index, then joined;
            // SQLite also allows its bm25() only in a query on the FTS table itself.
            sql.append(sqlite
                    ? "WITH hits AS MATERIALIZED (SELECT rowid AS id, " + BM25 + " AS score FROM circuit_search WHERE circuit_search MATCH ?) "
                    : "WITH hits AS MATERIALIZED (SELECT circuit_id AS id, -ts_rank(document, q)::float8 AS score"
                            + " FROM circuit_search, to_tsquery('simple', search_fold(?)) q WHERE document @@ q) ");
            params.add(match);
        }
        // The page is chosen first, joining only what the filters need (for a common word that
        // is most circuits), and only its rows are then joined with versions, owners and cohorts.
        String column = switch (query.sort()) {
            case RELEVANCE -> "h.score";
            case UPDATED -> "c.updated_at";
            case CREATED -> "c.created_at";
        };
        String order = ranked ? " ORDER BY score, id DESC" : " ORDER BY k DESC, id DESC";
        sql.append("SELECT p.score, ").append(SELECT.substring("SELECT ".length())).append(" FROM (SELECT c.id AS id, ")
                .append(ranked ? "h.score AS score, 0 AS k" : "0.0 AS score, " + column + " AS k")
                .append(ranked ? " FROM hits h JOIN circuits c ON c.id = h.id" : " FROM circuits c");
        if (q(query.minQubits()) || q(query.maxQubits())) {
            sql.append(" JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version");
        }
        if (query.author() != null && !isUserId(query.author())) sql.append(" JOIN users u ON u.id = c.owner_id");
        if (query.cohort() != null) sql.append(" LEFT JOIN cohorts co ON co.id = c.cohort_id");
        sql.append(" WHERE c.deleted = FALSE");
        if (query.hasWords() && !ranked) {
            // Newest first needs no score: the matching ids, then the circuits in index order.
            sql.append(sqlite ? " AND c.id IN (SELECT rowid FROM circuit_search WHERE circuit_search MATCH ?)"
                    : " AND c.id IN (SELECT circuit_id FROM circuit_search WHERE document @@ to_tsquery('simple', search_fold(?)))");
            params.add(match);
        }
        org.qise.portal.access.AccessPolicy.appendCircuitFilter(viewer, "c", sql, params);
        filters(query, sql, params);
        if (after != null) {
            sql.append(" AND (").append(column).append(ranked ? " > ?" : " < ?").append(" OR (").append(column).append(" = ? AND c.id < ?))");
            if (ranked) params.addAll(List.of(after.score(), after.score(), after.id()));
            else params.addAll(List.of(after.at(), after.at(), after.id()));
        }
        sql.append(order).append(" LIMIT ?) p JOIN circuits c ON c.id = p.id").append(JOINS).append(order.replace("score", "p.score")
                .replace("k DESC", "p.k DESC").replace("id DESC", "p.id DESC"));
        params.add(size + 1);
        List<Row> rows = jdbc.query(sql.toString(), SearchService::mapRow, params.toArray());
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            Row last = rows.get(size - 1);
            next = switch (query.sort()) {
                case RELEVANCE -> SearchCursor.ofScore(last.score(), last.hit().id()).encode();
                case UPDATED -> SearchCursor.ofTime(query.sort(), last.hit().updatedAt(), last.hit().id()).encode();
                case CREATED -> SearchCursor.ofTime(query.sort(), last.hit().createdAt(), last.hit().id()).encode();
            };
        }
        return new Page<>(withTags(rows.stream().map(Row::hit).toList()), next);
    }

    /** Tags on circuits the viewer may see, most used first, then alphabetically. */
    public List<TagCount> tags(User viewer) {
        StringBuilder sql = new StringBuilder("SELECT t.tag, COUNT(*) AS n FROM circuit_tags t JOIN circuits c ON c.id = t.circuit_id"
                + " WHERE c.deleted = FALSE");
        List<Object> params = new ArrayList<>();
        org.qise.portal.access.AccessPolicy.appendCircuitFilter(viewer, "c", sql, params);
        sql.append(" GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT ?");
        params.add(MAX_TAGS_LISTED);
        return jdbc.query(sql.toString(), rs -> new TagCount(rs.getString(1), rs.getLong(2)), params.toArray());
    }

    /** The circuits whose runs were reproduced (or checked against a pushed result) most often. */
    public List<Reproduced> mostReproduced(User viewer, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.id, COUNT(*) AS n FROM run_verifications rv JOIN runs r ON r.id = rv.run_id"
                + " JOIN circuits c ON c.id = r.circuit_id WHERE c.deleted = FALSE");
        List<Object> params = new ArrayList<>();
        org.qise.portal.access.AccessPolicy.appendCircuitFilter(viewer, "c", sql, params);
        sql.append(" GROUP BY c.id ORDER BY n DESC, c.id DESC LIMIT ?");
        params.add(Page.checkLimit(limit));
        Map<Long, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.query(sql.toString(), rs -> counts.put(rs.getLong(1), rs.getLong(2)), params.toArray());
        return byIds(counts.keySet()).stream().map(h -> new Reproduced(h, counts.get(h.id()))).toList();
    }

    /** The circuits with a run most recently confirmed by a reproduction (bit-exact or statistically consistent). */
    public List<Verified> recentlyVerified(User viewer, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.id, MAX(rv.created_at) AS at FROM run_verifications rv"
                + " JOIN runs r ON r.id = rv.run_id JOIN circuits c ON c.id = r.circuit_id"
                + " WHERE c.deleted = FALSE AND rv.verdict IN " + AGREED);
        List<Object> params = new ArrayList<>();
        org.qise.portal.access.AccessPolicy.appendCircuitFilter(viewer, "c", sql, params);
        sql.append(" GROUP BY c.id ORDER BY at DESC, c.id DESC LIMIT ?");
        params.add(Page.checkLimit(limit));
        Map<Long, Instant> at = new java.util.LinkedHashMap<>();
        jdbc.query(sql.toString(), rs -> at.put(rs.getLong(1), Jdbc.instant(rs, "at")), params.toArray());
        return byIds(at.keySet()).stream().map(h -> new Verified(h, at.get(h.id()))).toList();
    }

    // ---- queries ----

    private static final String SELECT = "SELECT c.id, c.public_id, v.title, c.owner_id, u.name AS owner_name, c.visibility,"
            + " co.name AS cohort, c.latest_version, v.num_qubits, v.num_gates, c.created_at, c.updated_at";
    private static final String JOINS = " JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version"
            + " JOIN users u ON u.id = c.owner_id LEFT JOIN cohorts co ON co.id = c.cohort_id";

    private record Row(Hit hit, double score) {}

    private static boolean q(Integer count) {
        return count != null;
    }

    private static boolean isUserId(String author) {
        return author.chars().allMatch(Character::isDigit) && author.length() < 18;
    }

    private static void filters(SearchQuery q, StringBuilder where, List<Object> params) {
        if (q.tag() != null) {
            where.append(" AND c.id IN (SELECT circuit_id FROM circuit_tags WHERE tag = ?)");
            params.add(q.tag().toLowerCase(Locale.ROOT));
        }
        if (q.author() != null) {
            String a = q.author();
            if (isUserId(a)) {
                where.append(" AND c.owner_id = ?");
                params.add(Long.parseLong(a));
            } else {
                where.append(" AND u.name = ?");
                params.add(a);
            }
        }
        if (q.cohort() != null) {
            where.append(" AND co.name = ?");
            params.add(q.cohort());
        }
        if (q.minQubits() != null) {
            where.append(" AND v.num_qubits >= ?");
            params.add(q.minQubits());
        }
        if (q.maxQubits() != null) {
            where.append(" AND v.num_qubits <= ?");
            params.add(q.maxQubits());
        }
        if (q.hasRuns()) where.append(" AND EXISTS (SELECT 1 FROM runs r WHERE r.circuit_id = c.id AND r.status = 'DONE')");
        if (q.verified()) {
            where.append(" AND EXISTS (SELECT 1 FROM runs r JOIN run_verifications rv ON rv.run_id = r.id"
                    + " WHERE r.circuit_id = c.id AND rv.verdict IN " + AGREED + ")");
        }
    }

    /** The circuits with these ids in the given order (the caller has applied visibility). */
    private List<Hit> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<Long, Hit> found = new HashMap<>();
        for (Row r : jdbc.query("SELECT 0.0 AS score, " + SELECT.substring("SELECT ".length()) + " FROM circuits c" + JOINS + " WHERE c.id IN (" + marks + ")",
                SearchService::mapRow, ids.toArray())) {
            found.put(r.hit().id(), r.hit());
        }
        return withTags(ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList());
    }

    /** Tags for all rows in one batched query (never one per row). */
    private List<Hit> withTags(List<Hit> hits) {
        if (hits.isEmpty()) return hits;
        Map<Long, List<String>> tags = new HashMap<>();
        String marks = String.join(", ", Collections.nCopies(hits.size(), "?"));
        jdbc.query("SELECT circuit_id, tag FROM circuit_tags WHERE circuit_id IN (" + marks + ") ORDER BY circuit_id, tag",
                rs -> tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)),
                hits.stream().map(Hit::id).toArray());
        return hits.stream().map(h -> new Hit(h.id(), h.publicId(), h.title(), h.ownerId(), h.ownerName(), h.visibility(), h.cohort(),
                h.latestVersion(), List.copyOf(tags.getOrDefault(h.id(), List.of())), h.numQubits(), h.numGates(), h.createdAt(),
                h.updatedAt())).toList();
    }

    private static Row mapRow(ResultSet rs) throws SQLException {
        Hit hit = new Hit(rs.getLong("id"), rs.getString("public_id"), rs.getString("title"), rs.getLong("owner_id"),
                rs.getString("owner_name"), Visibility.valueOf(rs.getString("visibility")).label(), rs.getString("cohort"),
                rs.getInt("latest_version"), List.of(), rs.getInt("num_qubits"), rs.getInt("num_gates"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
        return new Row(hit, rs.getDouble("score"));
    }
}
