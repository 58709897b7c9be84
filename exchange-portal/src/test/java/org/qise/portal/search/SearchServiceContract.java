package org.qise.portal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.PortalException;
import org.qise.portal.TestStore;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.Passwords;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/**
 * What search must do on every store: the same fixture of circuits, people, runs and
 * verifications, and expected answers written out by hand (which circuits, in which order), run
 * against SQLite ({@link SqliteSearchServiceTest}) and PostgreSQL ({@link PostgresSearchServiceTest}).
 */
abstract class SearchServiceContract {
    static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[%d];\ncreg c[%d];\nh q[0];\nmeasure q -> c;\n";

    TestStore store;
    Jdbc jdbc;
    CircuitService circuits;
    SearchService search;
    User alice;
    User bob;
    User carol;
    User admin;
    /** Circuit ids by name in the fixture. */
    final Map<String, Long> ids = new java.util.HashMap<>();

    /** A fresh, migrated store for each test; closing it removes it. */
    abstract TestStore open() throws Exception;

    @BeforeEach
    void fixture() throws Exception {
        store = open();
        jdbc = store.db().jdbc();
        AuditLog audit = new AuditLog(jdbc);
        UserService users = new UserService(jdbc, new Passwords(4), audit, new InviteService(jdbc));
        Cohort cohort = users.cohortNamed("spring-school");
        alice = users.createUser(new UserService.Registration("alice@example.org", "correct horse battery", "Alice Archer",
                "Institute of Optics", "FR"), Role.FELLOW, null);
        bob = users.createUser(new UserService.Registration("bob@example.org", "correct horse battery", "Bob Brand",
                "Delft Lab", "NL"), Role.FELLOW, null);
        carol = users.createUser(new UserService.Registration("carol@example.org", "correct horse battery", "Carol Chen",
                "Cohort College", "SG"), Role.FELLOW, cohort.id());
        admin = users.createUser(new UserService.Registration("admin@example.org", "correct horse battery", "Ada Admin",
                "Portal", "CH"), Role.ADMIN, null);
        circuits = new CircuitService(jdbc, new QasmCheck(256 * 1024, 64, 100_000), audit);
        search = new SearchService(jdbc);
        add("bell", alice, "Bell state preparation", "Two qubits, maximally entangled.", 2, Visibility.PUBLIC, "bell", "entanglement");
        add("ghz", alice, "GHZ on five qubits", "The Greenberger-Horne-Zeilinger state.", 5, Visibility.PUBLIC, "ghz", "entanglement");
        add("secret", bob, "Secret Bell variant", "Not for others.", 2, Visibility.PRIVATE, "bell");
        add("grover", carol, "Cohort Grover search", "Amplitude amplification.", 3, Visibility.COHORT, "grover");
        add("qft", bob, "Quantum Fourier transform", "Starts from a Bell pair on the first two qubits.", 4, Visibility.PUBLIC, "qft");
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) store.close();
    }

    void add(String name, User owner, String title, String description, int qubits, Visibility visibility, String... tags) {
        ids.put(name, circuits.create(owner, new CircuitDraft(title, description, QASM.formatted(qubits, qubits), visibility,
                List.of(tags), visibility == Visibility.COHORT ? "spring-school" : null)));
    }

    List<String> names(List<SearchService.Hit> hits) {
        Map<Long, String> byId = new java.util.HashMap<>();
        ids.forEach((k, v) -> byId.put(v, k));
        return hits.stream().map(h -> byId.getOrDefault(h.id(), "#" + h.id())).toList();
    }

    List<String> find(User viewer, String q) {
        return names(search.search(viewer, SearchQuery.text(q), null, 200).items());
    }

    List<String> find(User viewer, Map<String, String> params) {
        Function<String, String> p = params::get;
        return names(search.search(viewer, SearchQuery.of(p), null, 200).items());
    }

    @Test
    void titleMatchesRankAboveDescriptionMatchesAndHiddenCircuitsStayHidden() {
        assertEquals(List.of("bell", "qft"), find(null, "bell"));
        assertEquals(List.of("bell", "qft"), find(alice, "bell"));
        assertEquals(List.of("secret", "bell", "qft").stream().sorted().toList(), find(bob, "bell").stream().sorted().toList());
        assertEquals(List.of("qft"), find(bob, "bell").subList(2, 3), "the description-only match comes last");
        assertEquals(List.of(), find(alice, "grover"));
        assertEquals(List.of("grover"), find(carol, "grover"));
        assertEquals(List.of("grover"), find(admin, "amplification"));
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = ';', value = {
            "entangle; bell ghz",            // a prefix of a tag and of a description word
            "ENTANGLEMENT; bell ghz",        // case does not matter
            "delft; qft",                    // the owner's institution
            "bob brand; qft",                // the owner's name, every word must match
            "greenberger zeilinger; ghz",    // words of the description, in any order
            "bell-state; bell",              // punctuation splits words, as the index does
            "bell \"OR 1=1; ",               // query syntax of either database is only text
            "nothing-like-this; ",
    })
    void wordsMatchTitlesDescriptionsTagsAuthorsAndInstitutions(String q, String expected) {
        List<String> want = expected == null ? List.of() : List.of(expected.split(" "));
        assertEquals(want.stream().sorted().toList(), find(null, q).stream().sorted().toList(), q);
    }

    /**
     * Accents fold both ways on both stores (issue 16): a plain-letter query finds accented text and
     * an accented query finds plain text, in titles, descriptions, names and institutions (tags are ASCII).
     */
    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = ';', value = {
            "muller; routing",               // the owner's name is Jürgen Müller
            "Müller; routing",
            "MÜLLER; routing",
            "jurgen muller; routing",
            "sao paulo; routing summer",     // an institution with an accent, a title without
            "São Paulo; routing summer",
            "etat; routing",                 // a description word with an accent
            "état; routing",
            "naive; summer",                 // a title word: naïve
            "crepe; ",                       // folding makes no word out of nothing
    })
    void accentsFoldInTheIndexAndTheQuery(String q, String expected) throws Exception {
        UserService users = new UserService(jdbc, new Passwords(4), new AuditLog(jdbc), new InviteService(jdbc));
        User jurgen = users.createUser(new UserService.Registration("jurgen@example.org", "correct horse battery", "Jürgen Müller",
                "Universidade de São Paulo", "BR"), Role.FELLOW, null);
        add("routing", jurgen, "Qubit routing", "Préparer l'état intriqué.", 3, Visibility.PUBLIC, "routing");
        add("summer", bob, "Sao Paulo summer school: the naïve way", "Exercises.", 2, Visibility.PUBLIC, "school");
        List<String> want = expected == null ? List.of() : List.of(expected.split(" "));
        assertEquals(want.stream().sorted().toList(), find(null, q).stream().sorted().toList(), q);
    }

    @Test
    void filtersNarrowTheResults() {
        insertRun("ghz", "bit-exact", Instant.parse("2026-01-02T00:00:00Z"));
        insertRun("qft", "different", Instant.parse("2026-01-03T00:00:00Z"));
        insertRun("qft", "different", Instant.parse("2026-01-04T00:00:00Z"));
        assertEquals(List.of("bell", "ghz"), sorted(find(null, Map.of("tag", "entanglement"))));
        assertEquals(List.of("ghz", "qft"), sorted(find(null, Map.of("minQubits", "4"))));
        assertEquals(List.of("bell", "qft"), sorted(find(null, Map.of("maxQubits", "4"))));
        assertEquals(List.of("grover", "qft"), sorted(find(admin, Map.of("minQubits", "3", "maxQubits", "4"))));
        assertEquals(List.of("qft"), find(null, Map.of("author", "Bob Brand")));
        assertEquals(List.of("qft"), find(null, Map.of("author", String.valueOf(bob.id()))));
        assertEquals(List.of(), find(null, Map.of("author", "bob@example.org")), "never by email");
        assertEquals(List.of("grover"), find(carol, Map.of("cohort", "spring-school")));
        assertEquals(List.of("ghz", "qft"), sorted(find(null, Map.of("hasRuns", "true"))));
        assertEquals(List.of("ghz"), find(null, Map.of("verified", "true")));
        assertEquals(List.of("bell"), find(null, Map.of("q", "entanglement", "maxQubits", "2")));
    }

    @Test
    void mostReproducedAndRecentlyVerifiedListsCountOnlyWhatTheViewerMaySee() {
        insertRun("ghz", "bit-exact", Instant.parse("2026-01-02T00:00:00Z"));
        insertRun("qft", "different", Instant.parse("2026-01-03T00:00:00Z"));
        insertRun("qft", "statistically-consistent", Instant.parse("2026-01-04T00:00:00Z"));
        insertRun("secret", "bit-exact", Instant.parse("2026-01-05T00:00:00Z"));
        insertRun("secret", "bit-exact", Instant.parse("2026-01-06T00:00:00Z"));
        insertRun("secret", "bit-exact", Instant.parse("2026-01-07T00:00:00Z"));
        var most = search.mostReproduced(null, 10);
        assertEquals(List.of("qft", "ghz"), names(most.stream().map(SearchService.Reproduced::circuit).toList()));
        assertEquals(List.of(2L, 1L), most.stream().map(SearchService.Reproduced::reproductions).toList());
        assertEquals(List.of("secret", "qft", "ghz"), names(search.mostReproduced(bob, 10).stream().map(SearchService.Reproduced::circuit).toList()));
        var recent = search.recentlyVerified(null, 10);
        assertEquals(List.of("qft", "ghz"), names(recent.stream().map(SearchService.Verified::circuit).toList()));
        assertEquals(Instant.parse("2026-01-04T00:00:00Z"), recent.get(0).verifiedAt());
        assertEquals(List.of("secret"), names(search.recentlyVerified(bob, 1).stream().map(SearchService.Verified::circuit).toList()));
    }

    @Test
    void tagsAreCountedOverVisibleCircuits() {
        var anonymous = search.tags(null).stream().map(t -> t.tag() + "=" + t.circuits()).toList();
        assertEquals(List.of("entanglement=2", "bell=1", "ghz=1", "qft=1"), anonymous);
        var bobs = search.tags(bob).stream().map(t -> t.tag() + "=" + t.circuits()).toList();
        assertEquals(List.of("bell=2", "entanglement=2", "ghz=1", "qft=1"), bobs);
    }

    @Test
    void theIndexFollowsEditsForksRenamesAndDeletes() {
        circuits.update(alice, ids.get("bell"), new CircuitDraft("Bell pair", null, QASM.formatted(2, 2), null, List.of("epr"), null));
        assertEquals(List.of(), find(null, "preparation"), "the old title is gone");
        assertEquals(List.of("bell"), find(null, "epr"));
        assertEquals(List.of("ghz"), find(null, "entanglement"), "the removed tag is gone");
        ids.put("fork", circuits.fork(alice, ids.get("qft"), null));
        assertEquals(List.of("fork", "qft"), sorted(find(alice, "delft")), "a fork credits the original's author");
        jdbc.update("UPDATE users SET institution = ? WHERE id = ?", "Kavli Institute", bob.id());
        assertEquals(List.of(), find(alice, "delft"));
        assertEquals(List.of("fork", "qft"), sorted(find(alice, "kavli")));
        circuits.delete(bob, ids.get("qft"));
        assertEquals(List.of("fork"), find(alice, "fourier"));
    }

    @ParameterizedTest
    @CsvSource({"relevance", "updated", "created"})
    void pagesFollowEachOtherWithoutRepeatsOrGaps(String sort) {
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            made.add(circuits.create(alice, new CircuitDraft("Paging sample " + i, "sample " + "word ".repeat(i % 4),
                    QASM.formatted(1, 1), Visibility.PUBLIC, List.of("paging"), null)));
        }
        Function<String, String> params = Map.of("q", "sample", "sort", sort)::get;
        SearchQuery query = SearchQuery.of(params);
        List<SearchService.Hit> all = search.search(null, query, null, 200).items();
        List<Long> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = search.search(null, query, cursor, 5);
            page.items().forEach(h -> walked.add(h.id()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertEquals(5, pages);
        assertEquals(new HashSet<>(made), new HashSet<>(walked), "every sample once");
        assertEquals(23, walked.size());
        assertEquals(all.stream().map(SearchService.Hit::id).toList(), walked);
        if (!sort.equals("relevance")) {
            assertEquals(made.reversed(), walked, "newest first (ids break ties the same way)");
        }
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        var e = assertThrows(PortalException.class, () -> SearchQuery.of(Map.of("minQubits", "-1")::get));
        assertTrue(e.getMessage().contains("minQubits"), e.getMessage());
        e = assertThrows(PortalException.class, () -> SearchQuery.of(Map.of("sort", "stars")::get));
        assertTrue(e.getMessage().contains("sort"), e.getMessage());
        e = assertThrows(PortalException.class, () -> SearchQuery.of(Map.of("verified", "perhaps")::get));
        assertTrue(e.getMessage().contains("verified"), e.getMessage());
        var updated = search.search(null, SearchQuery.of(Map.of("sort", "updated")::get), null, 1);
        assertNotNull(updated.next());
        e = assertThrows(PortalException.class, () -> search.search(null, SearchQuery.text("bell"), updated.next(), 1));
        assertEquals(400, e.status());
        assertNull(search.search(null, SearchQuery.text("bell"), null, 5).next());
    }

    static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /** A done run of the circuit with one verification of the given verdict at the given time. */
    void insertRun(String circuit, String verdict, Instant at) {
        long circuitId = ids.get(circuit);
        long owner = jdbc.queryOne("SELECT owner_id FROM circuits WHERE id = ?", rs -> rs.getLong(1), circuitId).orElseThrow();
        long run = jdbc.insert("INSERT INTO runs (circuit_id, circuit_version, owner_id, origin, status, shots, seed, engine, expect,"
                + " circuit_qasm, circuit_sha256, num_qubits, progress, queued_at, public_id) VALUES (?, 1, ?, 'SERVER', 'DONE', 100, 1,"
                + " 'fast', '', 'x', 'x', 1, 1.0, ?, ?)", circuitId, owner, at, org.qise.portal.db.PublicIds.random());
        jdbc.insert("INSERT INTO run_verifications (run_id, verdict, method, detail, created_at) VALUES (?, ?, 'hash', '', ?)",
                run, verdict, at);
    }
}
