package org.qise.portal.credit;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.User;

/**
 * Licences, author credit along fork chains, and stars. Every read first asks
 * {@link CircuitService} for the circuit, so whatever the viewer may not see stays "not found".
 */
public final class CreditService {
    /** Forks of forks are followed this far; a longer chain (none can be made by hand) is cut there. */
    static final int MAX_CHAIN = 1000;

    private final Jdbc jdbc;
    private final CircuitService circuits;

    public CreditService(Jdbc jdbc, CircuitService circuits) {
        this.jdbc = jdbc;
        this.circuits = circuits;
    }

    /** Licence, credited authors, fork chain and counts of a circuit version the viewer may see (null version: the latest). */
    public Credit credit(User viewer, long circuitId, Integer version) {
        var details = circuits.get(viewer, circuitId, version);
        int v = details.version().version();
        List<Step> steps = chain(circuitId, v);
        Licence licence = Licence.DEFAULT;
        for (Step s : steps) {
            if (s.license() != null) {
                licence = Licence.stored(s.license());
                break;
            }
        }
        List<Credit.Link> links = new ArrayList<>();
        for (Step s : steps) {
            boolean visible = s.circuitId() == circuitId || canSee(viewer, s.circuitId());
            links.add(new Credit.Link(visible ? s.publicId() : null, s.version(), visible ? s.title() : null, s.ownerName()));
        }
        long stars = jdbc.count("SELECT COUNT(*) FROM circuit_stars WHERE circuit_id = ?", circuitId);
        long forks = jdbc.count("SELECT COUNT(*) FROM circuits WHERE forked_from_id = ? AND deleted = FALSE", circuitId);
        boolean starred = viewer != null && jdbc.count("SELECT COUNT(*) FROM circuit_stars WHERE circuit_id = ? AND user_id = ?",
                circuitId, viewer.id()) > 0;
        return new Credit(licence, authors(steps), List.copyOf(links), stars, forks, starred);
    }

    /**
     * Everyone a run of a circuit version credits: the version's credited authors (the whole fork
     * chain, as {@link #credit} orders them), then whoever ran it, unless already among them.
     * Run citations, pages and exports all name a run's authors through this.
     */
    public List<Credit.Author> withRunner(Credit credit, long runnerId) {
        List<Credit.Author> out = new ArrayList<>(credit.authors());
        if (out.stream().noneMatch(a -> a.userId() == runnerId)) {
            var runner = people(List.of(runnerId)).get(runnerId);
            if (runner != null) out.add(runner);
        }
        return List.copyOf(out);
    }

    /** "Cite this circuit version" for a version the viewer may see; {@code baseUrl} is the portal's own address. */
    public CircuitCitation citation(User viewer, long circuitId, Integer version, String baseUrl) {
        var d = circuits.get(viewer, circuitId, version);
        var v = d.version();
        String sha = org.qise.sim.Manifest.sha256(org.qise.sim.Manifest.canonicalText(
                org.qise.portal.circuits.QasmCheck.parse(v.qasm())));
        String url = baseUrl + "/circuits/" + d.summary().publicId() + "?version=" + v.version();
        return CircuitCitation.of(new CircuitCitation.Source(d.summary().publicId(), v.version(), v.publicId(), v.title(), v.createdAt(),
                sha, url, credit(viewer, circuitId, v.version())));
    }

    /** Stars a circuit the viewer may see; starring again changes nothing. Returns the star count. */
    public long star(User user, long circuitId) {
        requireSignedIn(user);
        circuits.get(user, circuitId, null);
        // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) keeps a repeated or concurrent star to one row.
        jdbc.update("INSERT INTO circuit_stars (circuit_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                circuitId, user.id(), Instant.now());
        return jdbc.count("SELECT COUNT(*) FROM circuit_stars WHERE circuit_id = ?", circuitId);
    }

    /** Removes the viewer's star, if any. Returns the star count. */
    public long unstar(User user, long circuitId) {
        requireSignedIn(user);
        circuits.get(user, circuitId, null);
        jdbc.update("DELETE FROM circuit_stars WHERE circuit_id = ? AND user_id = ?", circuitId, user.id());
        return jdbc.count("SELECT COUNT(*) FROM circuit_stars WHERE circuit_id = ?", circuitId);
    }

    /** A starred circuit as the stars list shows it. */
    public record Starred(String publicId, String title, String ownerName, Instant starredAt) {}

    /** Most starred circuits listed. */
    public static final int MAX_STARRED = 200;

    /**
     * The circuits the user starred and may still see, most recently starred first (at most
     * {@link #MAX_STARRED}). One query: the visibility rule is AccessPolicy's, as SQL (public,
     * own, or shared with one of the user's cohorts; admins see all).
     */
    public List<Starred> starredBy(User user) {
        requireSignedIn(user);
        StringBuilder visible = new StringBuilder();
        List<Object> params = new ArrayList<>(List.of(user.id()));
        org.qise.portal.access.AccessPolicy.appendCircuitFilter(user, "c", visible, params);
        params.add(MAX_STARRED);
        return jdbc.query("SELECT c.public_id, v.title, u.name, s.created_at FROM circuit_stars s JOIN circuits c ON c.id = s.circuit_id"
                + " JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = c.latest_version JOIN users u ON u.id = c.owner_id"
                + " WHERE s.user_id = ? AND c.deleted = FALSE" + visible + " ORDER BY s.created_at DESC, s.circuit_id DESC LIMIT ?",
                rs -> new Starred(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "created_at")), params.toArray());
    }

    // ---- the fork chain ----

    /** One circuit version on the chain, with what credit needs of it. */
    private record Step(long circuitId, String publicId, int version, String title, long ownerId, String ownerName,
                        String license, Long forkedFromId, Integer forkedFromVersion) {}

    /** This version, then its origin's version, and so on (one indexed look-up per step). */
    private List<Step> chain(long circuitId, int version) {
        List<Step> steps = new ArrayList<>();
        Long id = circuitId;
        Integer v = version;
        while (id != null && v != null && steps.size() < MAX_CHAIN) {
            Optional<Step> step = jdbc.queryOne("SELECT c.id, c.public_id, cv.title, c.owner_id, u.name, c.license, c.forked_from_id,"
                    + " c.forked_from_version FROM circuits c JOIN users u ON u.id = c.owner_id"
                    + " LEFT JOIN circuit_versions cv ON cv.circuit_id = c.id AND cv.version = ? WHERE c.id = ?",
                    rs -> new Step(rs.getLong(1), rs.getString(2), 0, rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                            Jdbc.nullableLong(rs, "forked_from_id"), Jdbc.nullableInt(rs, "forked_from_version")), v, id);
            if (step.isEmpty()) break;
            Step s = step.get();
            steps.add(new Step(s.circuitId(), s.publicId(), v, s.title(), s.ownerId(), s.ownerName(), s.license(), s.forkedFromId(),
                    s.forkedFromVersion()));
            if (s.forkedFromId() != null && steps.stream().anyMatch(p -> p.circuitId() == s.forkedFromId())) break;
            id = s.forkedFromId();
            v = s.forkedFromVersion();
        }
        return steps;
    }

    /**
     * Everyone credited: walking from the first circuit of the chain to this one, the authors of
     * its versions up to the one used (in version order), then its owner. Each person once, at
     * their first place.
     */
    private List<Credit.Author> authors(List<Step> steps) {
        List<Long> order = new ArrayList<>();
        List<Step> rootFirst = new ArrayList<>(steps);
        Collections.reverse(rootFirst);
        for (Step s : rootFirst) {
            List<Long> versionAuthors = jdbc.query("SELECT author_id FROM circuit_versions WHERE circuit_id = ? AND version <= ?"
                    + " ORDER BY version", rs -> rs.getLong(1), s.circuitId(), s.version());
            for (long a : versionAuthors) if (!order.contains(a)) order.add(a);
            if (!order.contains(s.ownerId())) order.add(s.ownerId());
        }
        Map<Long, Credit.Author> people = people(order);
        return order.stream().map(people::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Name, institution and (where the schema has it) ORCID iD of these users, in one query.
     * The ORCID column belongs to the profiles feature; reading it by name when present keeps
     * this feature working with or without it.
     */
    public Map<Long, Credit.Author> people(List<Long> ids) {
        Map<Long, Credit.Author> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        jdbc.query("SELECT * FROM users WHERE id IN (" + marks + ")", rs -> {
            String orcid = hasColumn(rs.getMetaData(), "orcid") ? rs.getString("orcid") : null;
            out.put(rs.getLong("id"), new Credit.Author(rs.getLong("id"), rs.getString("name"), rs.getString("institution"),
                    orcid == null || orcid.isBlank() ? null : orcid.strip()));
            return null;
        }, ids.toArray());
        return out;
    }

    private static boolean hasColumn(ResultSetMetaData meta, String name) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) if (meta.getColumnLabel(i).equalsIgnoreCase(name)) return true;
        return false;
    }

    private boolean canSee(User viewer, long circuitId) {
        try {
            circuits.get(viewer, circuitId, null);
            return true;
        } catch (PortalException e) {
            if (e.status() == 404) return false;
            throw e;
        }
    }

    private static void requireSignedIn(User user) {
        if (user == null) throw PortalException.unauthorized("sign in to star circuits");
    }
}
