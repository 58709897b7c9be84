package org.qise.portal.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qise.portal.db.Jdbc;

/** The SQL of runs and verifications; no rules, only rows. */
final class RunStore {
    /** A run about to be queued (or stored as pushed). */
    record NewRun(long circuitId, int circuitVersion, long ownerId, Origin origin, Long reproducesId, boolean freshSeed,
                  long shots, long seed, String engine, List<String> expect, String circuitQasm, String circuitSha256,
                  int numQubits, String noiseModel, String noiseMethod, Map<String, Double> parameters) {
        /** An ideal run of a circuit without parameters. */
        NewRun(long circuitId, int circuitVersion, long ownerId, Origin origin, Long reproducesId, boolean freshSeed, long shots,
               long seed, String engine, List<String> expect, String circuitQasm, String circuitSha256, int numQubits) {
            this(circuitId, circuitVersion, ownerId, origin, reproducesId, freshSeed, shots, seed, engine, expect, circuitQasm,
                    circuitSha256, numQubits, null, null, Map.of());
        }
    }

    private static final String SELECT = "SELECT r.*, u.name AS owner_name, c.public_id AS circuit_public_id,"
            + " p.public_id AS reproduces_public_id FROM runs r JOIN users u ON u.id = r.owner_id"
            + " JOIN circuits c ON c.id = r.circuit_id LEFT JOIN runs p ON p.id = r.reproduces_id";
    private static final String UNFINISHED = "('QUEUED', 'RUNNING')";

    private final Jdbc jdbc;

    RunStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Jdbc jdbc() { return jdbc; }

    long insertQueued(NewRun r, Instant now) {
        return insert(r, RunStatus.QUEUED, now);
    }

    private long insert(NewRun r, RunStatus status, Instant now) {
        return jdbc.insert("INSERT INTO runs (public_id, circuit_id, circuit_version, owner_id, origin, reproduces_id, fresh_seed, status,"
                + " shots, seed, engine, expect, circuit_qasm, circuit_sha256, num_qubits, progress, queued_at, noise_model, noise_method,"
                + " parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", org.qise.portal.db.PublicIds.random(),
                r.circuitId(), r.circuitVersion(),
                r.ownerId(), r.origin(), r.reproducesId(), r.freshSeed(), status, r.shots(), r.seed(), r.engine(),
                RunJson.write(r.expect()), r.circuitQasm(), r.circuitSha256(), r.numQubits(), now, r.noiseModel(), r.noiseMethod(),
                r.parameters() == null || r.parameters().isEmpty() ? null : RunJson.write(r.parameters()));
    }

    /** A result made elsewhere, stored as done with the counts and manifest it came with. */
    long insertPushed(NewRun r, Map<String, Long> counts, Map<String, Object> manifest, String resultSha256, Instant now) {
        return jdbc.transaction(tx -> {
            long id = new RunStore(tx).insert(r, RunStatus.DONE, now);
            tx.update("UPDATE runs SET progress = 1, counts = ?, manifest = ?, result_sha256 = ?, started_at = ?, finished_at = ?"
                    + " WHERE id = ?", RunJson.write(counts), RunJson.write(manifest), resultSha256, now, now, id);
            return id;
        });
    }

    /** Removes a run that was never queued (refused by the queue). */
    void delete(long id) {
        jdbc.update("DELETE FROM runs WHERE id = ? AND status = 'QUEUED'", id);
    }

    /** The internal id of the run with this public id. */
    Optional<Long> idOf(String publicId) {
        return jdbc.queryOne("SELECT id FROM runs WHERE public_id = ?", rs -> rs.getLong(1), publicId);
    }

    Optional<Run> find(long id) {
        return jdbc.queryOne(SELECT + " WHERE r.id = ?", RunStore::map, id);
    }

    Optional<Run> findByPublicId(String publicId) {
        return jdbc.queryOne(SELECT + " WHERE r.public_id = ?", RunStore::map, publicId);
    }

    /** Runs of a circuit (not reproductions), newest first, at most 200. */
    List<Run> forCircuit(long circuitId) {
        return jdbc.query(SELECT + " WHERE r.circuit_id = ? AND r.origin <> 'REPRODUCTION' ORDER BY r.id DESC LIMIT 200",
                RunStore::map, circuitId);
    }

    /** A run with the title of the circuit version it ran, for lists that name circuits. */
    record Titled(Run run, String circuitTitle) {}

    /** A person's runs (reproductions too) of circuits not deleted, newest first, at most {@code limit}. */
    List<Titled> ownedBy(long ownerId, int limit) {
        String titled = "SELECT (SELECT v.title FROM circuit_versions v WHERE v.circuit_id = r.circuit_id"
                + " AND v.version = r.circuit_version) AS circuit_title, " + SELECT.substring("SELECT ".length());
        return jdbc.query(titled + " WHERE r.owner_id = ? AND c.deleted = FALSE ORDER BY r.id DESC LIMIT ?",
                rs -> new Titled(map(rs), rs.getString("circuit_title")), ownerId, limit);
    }

    /** Reproductions of a run, newest first. */
    List<Run> reproductionsOf(long runId) {
        return jdbc.query(SELECT + " WHERE r.reproduces_id = ? ORDER BY r.id DESC", RunStore::map, runId);
    }

    /**
     * Marks a queued run as running on the portal's own workers (no lease) and counts the attempt;
     * returns the attempt number, or 0 when the run is no longer queued (cancelled meanwhile, or
     * taken by a {@code qise worker}).
     */
    int markRunning(long id, Instant now) {
        return jdbc.transaction(tx -> {
            // lease_owner is cleared: a run a worker gave back still names that worker, and this attempt is the portal's.
            if (tx.update("UPDATE runs SET status = 'RUNNING', started_at = ?, attempt = attempt + 1, lease_owner = NULL"
                    + " WHERE id = ? AND status = 'QUEUED'",
                    now, id) != 1) {
                return 0;
            }
            return (int) tx.count("SELECT attempt FROM runs WHERE id = ?", id);
        });
    }

    void progress(long id, double fraction) {
        jdbc.update("UPDATE runs SET progress = ? WHERE id = ? AND status = 'RUNNING'", fraction, id);
    }

    /**
     * Stores the result of one attempt; false (and nothing written) when that attempt no longer
     * holds the run: it was cancelled, or its lease expired and another worker took it over. A
     * reproduction's verdict is stored in the same transaction, so a stored result always comes
     * with its verdict (a failed verdict write leaves the run unended, for the next attempt).
     */
    boolean finishDone(long id, int attempt, Map<String, Long> counts, Map<String, Double> expectations, String stateJson,
                       Map<String, Object> manifest, String resultSha256, String note, Instant now) {
        return endAndJudge(id, now, tx -> tx.update("UPDATE runs SET status = 'DONE', progress = 1, counts = ?, expectations = ?,"
                + " state = ?, manifest = ?, result_sha256 = ?, message = ?, finished_at = ? WHERE id = ? AND status = 'RUNNING'"
                + " AND attempt = ?", RunJson.write(counts), expectations == null ? null : RunJson.write(expectations), stateJson,
                RunJson.write(manifest), resultSha256, note, now, id, attempt) == 1);
    }

    /** Ends an unfinished run without a result (a reproduction with its verdict); false when it had already ended. */
    boolean finishWithout(long id, RunStatus status, String message, Instant now) {
        return endAndJudge(id, now, tx -> tx.update("UPDATE runs SET status = ?, message = ?, finished_at = ? WHERE id = ?"
                + " AND status IN " + UNFINISHED, status, truncate(message), now, id) == 1);
    }

    /** As {@link #finishWithout(long, RunStatus, String, Instant)}, only while {@code attempt} still holds the run. */
    boolean finishWithout(long id, int attempt, RunStatus status, String message, Instant now) {
        return endAndJudge(id, now, tx -> tx.update("UPDATE runs SET status = ?, message = ?, finished_at = ? WHERE id = ?"
                + " AND status = 'RUNNING' AND attempt = ?", status, truncate(message), now, id, attempt) == 1);
    }

    /** The ending write of one run; true when it ended the run. */
    private interface Ending {
        boolean end(Jdbc tx) throws SQLException;
    }

    /**
     * Runs {@code ending} and, when it ended a reproduction, judges it, all in one transaction:
     * either the run ends with its verdict or neither is written.
     */
    private boolean endAndJudge(long id, Instant now, Ending ending) {
        return jdbc.transaction(tx -> {
            if (!ending.end(tx)) return false;
            Reproductions.judgeIfReproduction(new RunStore(tx), id, now);
            return true;
        });
    }

    /**
     * After a restart: runs that were running on the portal's own workers cannot be continued;
     * they fail. Runs held under a lease by a {@code qise worker} are left to it (or, once the
     * lease expires, to another worker). Returns how many failed.
     */
    int failInterrupted(String message, Instant now) {
        return jdbc.transaction(tx -> {
            String which = " WHERE status = 'RUNNING' AND lease_expires_at IS NULL";
            List<Long> reproductions = tx.query("SELECT id FROM runs" + which + " AND reproduces_id IS NOT NULL",
                    rs -> rs.getLong(1));
            int failed = tx.update("UPDATE runs SET status = 'FAILED', message = ?, finished_at = ?" + which, message, now);
            RunStore in = new RunStore(tx);
            for (long id : reproductions) Reproductions.judgeIfReproduction(in, id, now);
            return failed;
        });
    }

    /**
     * Reproductions that ended without a verdict (stored before verdicts went into the ending's
     * transaction, or ended by hand) are judged now; returns how many. Safe to repeat, and to run
     * in two processes at once: a reproduction with a verdict is left alone, and of two that judge
     * the same one at the same moment only the first stores its verdict (and counts it).
     */
    int judgeUnjudged(Instant now) {
        List<Long> ids = jdbc.query("SELECT r.id FROM runs r WHERE r.reproduces_id IS NOT NULL"
                + " AND r.status NOT IN " + UNFINISHED
                + " AND NOT EXISTS (SELECT 1 FROM run_verifications v WHERE v.rerun_id = r.id) ORDER BY r.id", rs -> rs.getLong(1));
        int judged = 0;
        for (long id : ids) {
            if (jdbc.transaction(tx -> Reproductions.judgeIfReproduction(new RunStore(tx), id, now))) judged++;
        }
        return judged;
    }

    /** Whether a verdict on the rerun {@code rerunId} is stored. */
    boolean hasVerdict(long rerunId) {
        return jdbc.count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id = ?", rerunId) > 0;
    }

    /** How many runs wait in the database, in all or of one owner (null: everyone's). */
    long countQueued(Long ownerId) {
        return ownerId == null ? jdbc.count("SELECT COUNT(*) FROM runs WHERE status = 'QUEUED'")
                : jdbc.count("SELECT COUNT(*) FROM runs WHERE status = 'QUEUED' AND owner_id = ?", ownerId);
    }

    /** Runs still waiting, oldest first. */
    List<Run> queued() {
        return jdbc.query(SELECT + " WHERE r.status = 'QUEUED' ORDER BY r.id", RunStore::map);
    }

    private static final String INSERT_VERIFICATION = "INSERT INTO run_verifications (run_id, rerun_id, verdict, method, p_value,"
            + " statistic, degrees_of_freedom, threshold, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A verdict on {@code runId} tied to no rerun (one that could not be queued); returns its id. */
    long insertVerification(long runId, Verdicts.Outcome o, Instant now) {
        return jdbc.insert(INSERT_VERIFICATION, runId, null, o.verdict(), o.method(), o.pValue(), o.statistic(),
                o.degreesOfFreedom(), o.threshold(), truncate(o.detail()), now);
    }

    /**
     * The verdict of the rerun {@code rerunId} on {@code runId}; false when the rerun has one already.
     * A rerun has at most one verdict (unique index, migration V97). Two writers that both found
     * none (two processes repairing at start-up) race here: the second one's insert does nothing
     * (on PostgreSQL it waits for the first to commit or roll back) instead of failing, so neither
     * transaction is lost to the other's verdict, and the ending transaction still commits its run.
     * ON CONFLICT ... DO NOTHING reads the same in SQLite (3.24+) and PostgreSQL (9.5+).
     */
    boolean insertRerunVerdict(long runId, long rerunId, Verdicts.Outcome o, Instant now) {
        return jdbc.update(INSERT_VERIFICATION + " ON CONFLICT (rerun_id) DO NOTHING", runId, rerunId, o.verdict(), o.method(),
                o.pValue(), o.statistic(), o.degreesOfFreedom(), o.threshold(), truncate(o.detail()), now) == 1;
    }

    List<Verification> verifications(long runId) {
        return jdbc.query("SELECT v.*, rr.public_id AS rerun_public_id FROM run_verifications v"
                + " LEFT JOIN runs rr ON rr.id = v.rerun_id WHERE v.run_id = ? ORDER BY v.id DESC", rs -> new Verification(
                rs.getLong("id"), rs.getLong("run_id"), Jdbc.nullableLong(rs, "rerun_id"), rs.getString("verdict"),
                rs.getString("method"), nullableDouble(rs, "p_value"), nullableDouble(rs, "statistic"),
                Jdbc.nullableInt(rs, "degrees_of_freedom"), nullableDouble(rs, "threshold"), rs.getString("detail"),
                Jdbc.instant(rs, "created_at"), rs.getString("rerun_public_id")), runId);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }

    private static Run map(ResultSet rs) throws SQLException {
        return new Run(rs.getLong("id"), rs.getLong("circuit_id"), rs.getInt("circuit_version"), rs.getLong("owner_id"),
                rs.getString("owner_name"), Origin.valueOf(rs.getString("origin")), Jdbc.nullableLong(rs, "reproduces_id"),
                rs.getBoolean("fresh_seed"), RunStatus.valueOf(rs.getString("status")), rs.getLong("shots"),
                rs.getLong("seed"), rs.getString("engine"), RunJson.strings(rs.getString("expect")),
                rs.getString("circuit_qasm"), rs.getString("circuit_sha256"), rs.getInt("num_qubits"),
                rs.getDouble("progress"), rs.getString("message"), RunJson.counts(rs.getString("counts")),
                RunJson.doubles(rs.getString("expectations")), RunJson.state(rs.getString("state")),
                ManifestIds.read(RunJson.object(rs.getString("manifest")), rs.getString("public_id"),
                        rs.getString("circuit_public_id"), rs.getString("reproduces_public_id")),
                rs.getString("result_sha256"), Jdbc.instant(rs, "queued_at"),
                Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"), rs.getString("public_id"),
                rs.getString("circuit_public_id"), rs.getString("reproduces_public_id"), rs.getString("noise_model"),
                rs.getString("noise_method"), RunJson.doubles(rs.getString("parameters")));
    }
}
