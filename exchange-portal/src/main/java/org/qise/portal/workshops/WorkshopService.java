package org.qise.portal.workshops;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.access.AccessPolicy;
import org.qise.portal.runs.RunNoise;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.User;

/**
 * Workshops: an instructor (or admin) creates one for a cohort or with a join code, adds
 * exercises with targets and pass thresholds; participants submit circuits, graded at once by
 * {@link Grader} on a {@link GradingQueue} worker (bounded in size, gates and time); the instructor sees who solved what. A workshop is visible to its instructor,
 * admins, people who joined it, and members of its cohort; to anyone else it is "not found".
 */
public final class WorkshopService {
    public record Workshop(long id, String title, String heldOn, long instructorId, String instructorName, Long cohortId,
                           String cohortName, String joinCode, Instant createdAt) {}

    /** @param noiseModel canonical text of the noise model grading simulates under, or null for ideal grading */
    public record Exercise(long id, long workshopId, String title, String task, Target target, double threshold, String noiseModel) {
        public Exercise(long id, long workshopId, String title, String task, Target target, double threshold) {
            this(id, workshopId, title, task, target, threshold, null);
        }

        public String noiseModelSha256() {
            return noiseModel == null ? null : org.qise.sim.Manifest.sha256(noiseModel);
        }
    }

    public record Submission(long id, long exerciseId, long userId, String userName, double score, boolean passed,
                             String detail, Instant createdAt) {}

    /** One participant's line of the results table: best submission per exercise id. */
    public record Row(long userId, String name, Map<Long, Submission> best) {
        public long solved() { return best.values().stream().filter(Submission::passed).count(); }
    }

    public static final double DEFAULT_THRESHOLD = 0.99;
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Jdbc jdbc;
    private final GradingQueue grading;
    private final SecureRandom random = new SecureRandom();

    public WorkshopService(Jdbc jdbc, GradingQueue grading) {
        this.jdbc = jdbc;
        this.grading = grading;
    }

    /** Creates a workshop; with a cohort its members take part, otherwise a join code is made. */
    public Workshop create(User instructor, String title, String date, String cohortName) {
        requireSignedIn(instructor);
        if (!instructor.canInvite()) throw PortalException.forbidden("only instructors and admins run workshops");
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) throw PortalException.badRequest("a workshop needs a title of at most 200 characters");
        String heldOn;
        try {
            heldOn = LocalDate.parse(date == null ? "" : date.strip()).toString();
        } catch (DateTimeParseException e) {
            throw PortalException.badRequest("the date must be written YYYY-MM-DD, got '" + date + "'");
        }
        Long cohortId = null;
        if (cohortName != null && !cohortName.isBlank()) {
            Cohort c = instructor.cohorts().stream().filter(x -> x.name().equals(cohortName.strip())).findFirst()
                    .orElseThrow(() -> PortalException.badRequest("you are not in a cohort named '" + cohortName.strip() + "'"));
            cohortId = c.id();
        }
        String code = cohortId == null ? joinCode() : null;
        long id = jdbc.insert("INSERT INTO workshops (title, held_on, instructor_id, cohort_id, join_code, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                t, heldOn, instructor.id(), cohortId, code, Instant.now());
        return find(id);
    }

    private String joinCode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) sb.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        return sb.toString();
    }

    /** Joins the workshop with this code; returns it. */
    public Workshop join(User user, String code) {
        requireSignedIn(user);
        String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        Long id = jdbc.queryOne("SELECT id FROM workshops WHERE join_code = ?", rs -> rs.getLong(1), c)
                .orElseThrow(() -> PortalException.notFound("a workshop with join code '" + code + "'"));
        if (jdbc.count("SELECT COUNT(*) FROM workshop_members WHERE workshop_id = ? AND user_id = ?", id, user.id()) == 0) {
            jdbc.update("INSERT INTO workshop_members (workshop_id, user_id, joined_at) VALUES (?, ?, ?)", id, user.id(), Instant.now());
        }
        return find(id);
    }

    public Workshop get(User viewer, long id) {
        Workshop w = jdbc.queryOne(SELECT + " WHERE w.id = ?", WorkshopService::map, id)
                .orElseThrow(() -> PortalException.notFound("workshop " + id));
        if (!canView(viewer, w)) throw PortalException.notFound("workshop " + id);
        return w;
    }

    /** Workshops the viewer runs or takes part in, newest first. */
    public List<Workshop> list(User viewer) {
        if (viewer == null) return List.of();
        return jdbc.query(SELECT + " ORDER BY w.held_on DESC, w.id DESC", WorkshopService::map).stream()
                .filter(w -> canView(viewer, w)).toList();
    }

    public boolean runs(User viewer, Workshop w) {
        return AccessPolicy.runsWorkshop(viewer, w.instructorId());
    }

    private boolean canView(User viewer, Workshop w) {
        return AccessPolicy.canViewWorkshop(viewer, w.instructorId(), w.cohortId(), () ->
                jdbc.count("SELECT COUNT(*) FROM workshop_members WHERE workshop_id = ? AND user_id = ?", w.id(), viewer.id()) > 0);
    }

    /** Adds an exercise (the workshop's instructor or an admin); returns its id. */
    public long addExercise(User actor, long workshopId, String title, String task, Target target, Double threshold) {
        return addExercise(actor, workshopId, title, task, target, threshold, null);
    }

    /**
     * Adds an exercise graded under a noise model ({@code qise-noise-model/1} JSON or
     * example:NAME; null or blank for ideal grading). Noise applies to state exercises (score
     * ⟨target|ρ|target⟩, up to {@link Grader#MAX_NOISY_STATE_QUBITS} qubits) and distribution
     * exercises (counts sampled under noise); a unitary has no meaning under noise.
     */
    public long addExercise(User actor, long workshopId, String title, String task, Target target, Double threshold, String noiseModel) {
        Workshop w = get(actor, workshopId);
        if (!runs(actor, w)) throw PortalException.forbidden("only the workshop's instructor may add exercises");
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) throw PortalException.badRequest("an exercise needs a title of at most 200 characters");
        double th = threshold == null ? DEFAULT_THRESHOLD : threshold;
        if (!(th > 0 && th <= 1)) throw PortalException.badRequest("the threshold must be above 0 and at most 1, got " + th);
        String taskText = task == null ? "" : task.strip();
        if (taskText.length() > 20_000) throw PortalException.badRequest("the task text is longer than 20000 characters");
        RunNoise.Model noise = RunNoise.read("noise_model", noiseModel, org.qise.circuit.Circuit.builder(target.numQubits()).build());
        if (noise != null) Grader.checkNoisy(target);
        return jdbc.insert("INSERT INTO workshop_exercises (workshop_id, title, task, target_kind, num_qubits, target, threshold, created_at,"
                + " noise_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", workshopId, t, taskText, target.kind(), target.numQubits(),
                write(target.toData()), th, Instant.now(), noise == null ? null : noise.canonicalText());
    }

    public List<Exercise> exercises(User viewer, long workshopId) {
        get(viewer, workshopId);
        return jdbc.query("SELECT * FROM workshop_exercises WHERE workshop_id = ? ORDER BY id", WorkshopService::mapExercise, workshopId);
    }

    /** Grades a submitted circuit for an exercise and stores the grade. */
    public Submission submit(User user, long workshopId, long exerciseId, String qasm) {
        requireSignedIn(user);
        get(user, workshopId);
        Exercise e = jdbc.queryOne("SELECT * FROM workshop_exercises WHERE id = ? AND workshop_id = ?", WorkshopService::mapExercise,
                exerciseId, workshopId).orElseThrow(() -> PortalException.notFound("exercise " + exerciseId));
        Grader.Grade g = grading.grade(e.target(), qasm, e.noiseModel() == null ? null : RunNoise.stored(e.noiseModel()));
        boolean passed = g.score() >= e.threshold();
        String detail = g.detail() + (passed ? " ≥ " : " < ") + "threshold " + e.threshold();
        Instant now = Instant.now();
        long id = jdbc.insert("INSERT INTO workshop_submissions (exercise_id, user_id, qasm, score, passed, detail, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", exerciseId, user.id(), qasm, g.score(), passed, detail, now);
        return new Submission(id, exerciseId, user.id(), user.name(), g.score(), passed, detail, now);
    }

    /** The viewer's best submission per exercise id. */
    public Map<Long, Submission> best(User viewer, long workshopId) {
        get(viewer, workshopId);
        Map<Long, Submission> out = new HashMap<>();
        for (Submission s : submissions(workshopId, viewer.id())) out.merge(s.exerciseId(), s, WorkshopService::better);
        return out;
    }

    /** Who solved what: one row per participant (cohort members, joined people, and anyone who submitted). */
    public List<Row> results(User actor, long workshopId) {
        Workshop w = get(actor, workshopId);
        if (!runs(actor, w)) throw PortalException.forbidden("only the workshop's instructor sees everyone's results");
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.query("SELECT u.id, u.name FROM users u WHERE u.id IN (SELECT user_id FROM workshop_members WHERE workshop_id = ?)"
                + " OR u.id IN (SELECT user_id FROM user_cohorts WHERE cohort_id = ?)"
                + " OR u.id IN (SELECT s.user_id FROM workshop_submissions s JOIN workshop_exercises e ON e.id = s.exercise_id WHERE e.workshop_id = ?)"
                + " ORDER BY u.name", rs -> rows.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), new HashMap<>())),
                workshopId, w.cohortId() == null ? -1L : w.cohortId(), workshopId);
        rows.remove(w.instructorId());
        for (Submission s : submissions(workshopId, null)) {
            Row r = rows.get(s.userId());
            if (r != null) r.best().merge(s.exerciseId(), s, WorkshopService::better);
        }
        return new ArrayList<>(rows.values());
    }

    private List<Submission> submissions(long workshopId, Long userId) {
        String sql = "SELECT s.*, u.name AS user_name FROM workshop_submissions s JOIN workshop_exercises e ON e.id = s.exercise_id"
                + " JOIN users u ON u.id = s.user_id WHERE e.workshop_id = ?" + (userId == null ? "" : " AND s.user_id = ?") + " ORDER BY s.id";
        Object[] params = userId == null ? new Object[]{workshopId} : new Object[]{workshopId, userId};
        return jdbc.query(sql, rs -> new Submission(rs.getLong("id"), rs.getLong("exercise_id"), rs.getLong("user_id"),
                rs.getString("user_name"), rs.getDouble("score"), rs.getBoolean("passed"), rs.getString("detail"),
                Jdbc.instant(rs, "created_at")), params);
    }

    private static Submission better(Submission a, Submission b) {
        return b.score() > a.score() ? b : a;
    }

    // ---- rows ----

    private static final String SELECT = "SELECT w.*, u.name AS instructor_name, c.name AS cohort_name FROM workshops w"
            + " JOIN users u ON u.id = w.instructor_id LEFT JOIN cohorts c ON c.id = w.cohort_id";

    private Workshop find(long id) {
        return jdbc.queryOne(SELECT + " WHERE w.id = ?", WorkshopService::map, id).orElseThrow();
    }

    private static Workshop map(ResultSet rs) throws SQLException {
        return new Workshop(rs.getLong("id"), rs.getString("title"), rs.getString("held_on"), rs.getLong("instructor_id"),
                rs.getString("instructor_name"), Jdbc.nullableLong(rs, "cohort_id"), rs.getString("cohort_name"),
                rs.getString("join_code"), Jdbc.instant(rs, "created_at"));
    }

    private static Exercise mapExercise(ResultSet rs) throws SQLException {
        TargetKind kind = TargetKind.valueOf(rs.getString("target_kind"));
        Target target;
        try {
            target = TargetInput.fromJson(kind, TargetInput.JSON.readTree(rs.getString("target")));
        } catch (JsonProcessingException e) {
            throw new SQLException("exercise " + rs.getLong("id") + " has an unreadable target", e);
        }
        return new Exercise(rs.getLong("id"), rs.getLong("workshop_id"), rs.getString("title"), rs.getString("task"), target,
                rs.getDouble("threshold"), rs.getString("noise_model"));
    }

    private static String write(Object data) {
        try {
            return TargetInput.JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a target as JSON", e);
        }
    }

    private static void requireSignedIn(User user) {
        if (user == null) throw PortalException.unauthorized("sign in first");
    }
}
