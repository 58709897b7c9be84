package org.qise.portal.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestStore;
import org.qise.portal.db.Database;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * A bounded search benchmark (not a test): loads 100 000 circuits with seeded synthetic text
 * (Zipf-distributed words, 1 000 people, 300 tags) into SQLite and, if QISE_TEST_POSTGRES_URL is
 * set, into a PostgreSQL schema of its own, then times 400 first-page searches of mixed kinds
 * (one common word, one rare word, two words, a 3-letter prefix, words with filters, words in
 * newest-first order, a second page) as an anonymous visitor and as a signed-in fellow, and
 * prints p50, p95 and max per store. From the repository root, with a JDK 25 {@code java}:
 *
 * <pre>mvn -o -q -pl exchange-portal -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt
 * java --add-modules jdk.incubator.vector -cp "exchange-portal/target/classes:exchange-portal/target/test-classes:$(cat cp.txt)" \
 *     org.qise.portal.search.SearchBench [circuits]</pre>
 *
 * (the classpath must be built in the same reactor as the simulator, which is not installed in
 * the local repository). About five minutes for both stores on the 2-core build machine.
 */
public final class SearchBench {
    static final int PEOPLE = 1_000;
    static final int TAGS = 300;
    static final int VOCABULARY = 5_000;
    static final int QUERIES = 400;
    static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    public static void main(String[] args) throws Exception {
        int circuits = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (TestStore store = TestStore.open("sqlite", "qise-search-bench-")) {
            run("SQLite (FTS5)", store.db(), circuits);
        }
        if (PostgresSchema.configured()) {
            try (TestStore store = TestStore.open("postgresql", "qise_search_bench_")) {
                run("PostgreSQL (tsvector + GIN)", store.db(), circuits);
            }
        }
    }

    /** Word i of the synthetic vocabulary: pronounceable, distinct, 5 to 9 letters. */
    static String word(int i) {
        String[] syllables = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "tu", "vo", "ze", "qu", "an", "el", "io", "ur", "ox"};
        StringBuilder w = new StringBuilder();
        int n = i;
        do {
            w.append(syllables[n % 16]);
            n /= 16;
        } while (n > 0);
        while (w.length() < 5) w.append("x");
        return w.toString();
    }

    /** Zipf-like rank: small ranks (common words) far more often than large ones. */
    static int zipf(SplittableRandom rnd, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.exp(rnd.nextDouble() * Math.log(n + 1)) - 1));
    }

    static String words(SplittableRandom rnd, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) s.append(i == 0 ? "" : " ").append(word(zipf(rnd, VOCABULARY)));
        return s.toString();
    }

    static void run(String store, Database db, int circuits) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        long t0 = System.nanoTime();
        long fellowId;
        Cohort cohort;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            boolean sqlite = db.dialect() == Database.Dialect.SQLITE;
            if (!sqlite) {
                // A bulk load: fill the index once at the end instead of once per row (the
                // triggers are what keeps it current for the portal's single writes).
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE circuit_versions DISABLE TRIGGER circuit_search_version_added");
                    s.execute("ALTER TABLE circuit_tags DISABLE TRIGGER circuit_search_tag_changed");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO cohorts (name, created_at) VALUES ('bench', " + (sqlite ? "'2026-01-01T00:00:00.000000Z'" : "now()") + ")");
            }
            try (PreparedStatement users = c.prepareStatement("INSERT INTO users (email, name, institution, country, role, password_hash,"
                    + " disabled, created_at) VALUES (?, ?, ?, 'CH', 'FELLOW', 'x', FALSE, ?)")) {
                for (int i = 0; i < PEOPLE; i++) {
                    users.setString(1, "p" + i + "@example.org");
                    users.setString(2, capital(word(rnd.nextInt(VOCABULARY))) + " " + capital(word(rnd.nextInt(VOCABULARY))));
                    users.setString(3, "University of " + capital(word(rnd.nextInt(200))));
                    time(users, 4, sqlite, Instant.EPOCH);
                    users.addBatch();
                }
                users.executeBatch();
            }
            try (PreparedStatement circuit = c.prepareStatement("INSERT INTO circuits (public_id, owner_id, visibility, cohort_id,"
                    + " latest_version, deleted, created_at, updated_at) VALUES (?, ?, ?, ?, 1, FALSE, ?, ?)");
                 PreparedStatement version = c.prepareStatement("INSERT INTO circuit_versions (circuit_id, version, public_id, title,"
                         + " description, qasm, num_qubits, num_gates, author_id, created_at) VALUES (?, 1, ?, ?, ?, ?, ?, 3, ?, ?)");
                 PreparedStatement tag = c.prepareStatement("INSERT INTO circuit_tags (circuit_id, tag) VALUES (?, ?)")) {
                Instant start = Instant.parse("2024-01-01T00:00:00Z");
                for (int i = 1; i <= circuits; i++) {
                    int kind = rnd.nextInt(10);
                    Instant at = start.plusSeconds(i * 60L);
                    circuit.setString(1, String.format(Locale.ROOT, "b%011d", i));
                    circuit.setLong(2, 1 + rnd.nextInt(PEOPLE));
                    circuit.setString(3, kind < 8 ? "PUBLIC" : kind == 8 ? "COHORT" : "PRIVATE");
                    if (kind == 8) circuit.setLong(4, 1); else circuit.setNull(4, java.sql.Types.BIGINT);
                    time(circuit, 5, sqlite, at);
                    time(circuit, 6, sqlite, at);
                    circuit.addBatch();
                    version.setLong(1, i);
                    version.setString(2, String.format(Locale.ROOT, "v%011d", i));
                    version.setString(3, capital(words(rnd, 3 + rnd.nextInt(5))));
                    version.setString(4, words(rnd, 20 + rnd.nextInt(40)));
                    version.setString(5, QASM);
                    version.setInt(6, 1 + rnd.nextInt(30));
                    version.setLong(7, 1 + rnd.nextInt(PEOPLE));
                    time(version, 8, sqlite, at);
                    version.addBatch();
                    int tags = 1 + rnd.nextInt(3);
                    for (int t = 0; t < tags; t++) {
                        tag.setLong(1, i);
                        tag.setString(2, "tag" + (t * 100 + zipf(rnd, TAGS / 3)));
                        tag.addBatch();
                    }
                    if (i % 1000 == 0) {
                        circuit.executeBatch();
                        version.executeBatch();
                        tag.executeBatch();
                    }
                }
                circuit.executeBatch();
                version.executeBatch();
                tag.executeBatch();
            }
            if (!sqlite) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT circuit_search_refresh(ARRAY(SELECT id FROM circuits))");
                    s.execute("ALTER TABLE circuit_versions ENABLE TRIGGER circuit_search_version_added");
                    s.execute("ALTER TABLE circuit_tags ENABLE TRIGGER circuit_search_tag_changed");
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(sqlite ? "ANALYZE" : "VACUUM ANALYZE");
            }
            fellowId = 7;
            cohort = new Cohort(1, "bench");
        }
        System.out.printf(Locale.ROOT, "%s: loaded %d circuits in %.1f s%n", store, circuits, (System.nanoTime() - t0) / 1e9);
        User fellow = new User(fellowId, "p6@example.org", "x", "x", "CH", Role.FELLOW, false, List.of(cohort));
        SearchService search = new SearchService(db.jdbc());
        SplittableRandom qr = new SplittableRandom(7);
        List<Map<String, String>> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            String common = word(zipf(qr, 50));
            String rare = word(500 + qr.nextInt(VOCABULARY - 500));
            queries.add(switch (i % 8) {
                case 0 -> Map.of("q", common);
                case 1 -> Map.of("q", rare);
                case 2 -> Map.of("q", common + " " + word(zipf(qr, 500)));
                case 3 -> Map.of("q", word(qr.nextInt(VOCABULARY)).substring(0, 3));
                case 4 -> Map.of("q", common, "tag", "tag" + zipf(qr, TAGS / 3), "minQubits", "10");
                case 5 -> Map.of("q", common, "sort", "updated");
                case 6 -> Map.of("tag", "tag" + zipf(qr, TAGS / 3));
                default -> Map.of("q", rare.substring(0, 4) + " " + common);
            });
        }
        for (User viewer : Arrays.asList(null, fellow)) {
            for (int i = 0; i < 40; i++) page(search, viewer, queries.get(i), true); // warm-up
            double[] ms = new double[QUERIES];
            long hits = 0;
            for (int i = 0; i < QUERIES; i++) {
                long s = System.nanoTime();
                hits += page(search, viewer, queries.get(i), i % 10 == 9);
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s, %s: %d searches (1 in 10 also fetches page 2), p50 %.1f ms, p95 %.1f ms, max %.1f ms,"
                    + " %.1f results per first page%n", store, viewer == null ? "anonymous" : "signed-in fellow", QUERIES,
                    ms[QUERIES / 2], ms[(int) Math.ceil(QUERIES * 0.95) - 1], ms[QUERIES - 1], hits / (double) QUERIES);
        }
    }

    private static long page(SearchService search, User viewer, Map<String, String> params, boolean second) {
        Function<String, String> p = params::get;
        var first = search.search(viewer, SearchQuery.of(p), null, 25);
        if (second && first.next() != null) search.search(viewer, SearchQuery.of(p), first.next(), 25);
        return first.items().size();
    }

    private static void time(PreparedStatement ps, int index, boolean sqlite, Instant at) throws java.sql.SQLException {
        if (sqlite) ps.setString(index, SQLITE_TIME.format(at));
        else ps.setObject(index, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
    }

    /** As Jdbc writes instants on SQLite: fixed-width UTC text, so text order is time order. */
    private static final java.time.format.DateTimeFormatter SQLITE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
