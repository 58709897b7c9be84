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
    /** @param description Markdown, "" when none; opensAt, closesAt: the submission window (UTC), null for no limit */
    public record Workshop(long id, String title, String heldOn, long instructorId, String instructorName, Long cohortId,
                           String cohortName, String joinCode, Instant createdAt, String description, Instant opensAt,
                           Instant closesAt) {
        public SubmissionWindow window() {
            return new SubmissionWindow(opensAt, closesAt);
        }
    }

    /** @param noiseModel canonical text of the noise model grading simulates under, or null for ideal grading */
    public record Exercise(long id, long workshopId, String title, String task, Target target, double threshold, String noiseModel) {
        public Exercise(long id, long workshopId, String title, String task, Target target, double threshold) {
            this(id, workshopId, title, task, target, threshold, null);
        }

        public String noiseModelSha256() {
            return noiseModel == null ? null : org.qise.sim.Manifest.sha256(noiseModel);
        }
    }

    /** A graded submission; {@code qasm} is the circuit as submitted. */
    public record Submission(long id, long exerciseId, long userId, String userName, double score, boolean passed,
                             String detail, Instant createdAt, String qasm) {}

    /** One participant's line of the results table: best submission per exercise id. */
    public record Row(long userId, String name, String institution, Map<Long, Submission> best) {
        public long solved() { return best.values().stream().filter(Submission::passed).count(); }
    }

    public static final double DEFAULT_THRESHOLD = 0.99;
    static final int MAX_TEXT = 20_000;
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
        String heldOn = heldOn(date);
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

    /**
     * Changes a workshop's title, description (Markdown), date and submission window (the
     * instructor or an admin); the cohort and join code stay, as people already hold them.
     */
    public Workshop update(User actor, long id, String title, String description, String date, Instant opensAt, Instant closesAt) {
        Workshop w = get(actor, id);
        if (!AccessPolicy.canEditWorkshop(actor, w.instructorId())) throw PortalException.forbidden("only the workshop's instructor may edit it");
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) throw PortalException.badRequest("title: a workshop needs a title of at most 200 characters");
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_TEXT) throw PortalException.badRequest("description: longer than " + MAX_TEXT + " characters");
        String heldOn = heldOn(date);
        new SubmissionWindow(opensAt, closesAt); // refuses a window that closes before it opens
        jdbc.update("UPDATE workshops SET title = ?, description = ?, held_on = ?, opens_at = ?, closes_at = ? WHERE id = ?",
                t, d, heldOn, opensAt, closesAt, id);
        return find(id);
    }

    private static String heldOn(String date) {
        try {
            return LocalDate.parse(date == null ? "" : date.strip()).toString();
        } catch (DateTimeParseException e) {
            throw PortalException.badRequest("the date must be written YYYY-MM-DD, got '" + date + "'");
        }
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
        if (!AccessPolicy.canEditWorkshop(actor, w.instructorId())) throw PortalException.forbidden("only the workshop's instructor may add exercises");
        ExerciseText x = exerciseText(title, task, target, threshold, noiseModel);
        return jdbc.transaction(tx -> {
            long next = tx.count("SELECT COALESCE(MAX(sort_order), 0) FROM workshop_exercises WHERE workshop_id = ?", workshopId) + 1;
            return tx.insert("INSERT INTO workshop_exercises (workshop_id, title, task, target_kind, num_qubits, target, threshold, created_at,"
                    + " noise_model, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", workshopId, x.title(), x.task(), target.kind(),
                    target.numQubits(), write(target.toData()), x.threshold(), Instant.now(), x.noise(), next);
        });
    }

    /**
     * Rewrites an exercise: title, task, target, threshold and noise model, all given (the API
     * fills in what a PATCH leaves out). Earlier submissions keep the grade they were given; a
     * participant who submits again is graded against the new target.
     */
    public Exercise updateExercise(User actor, long workshopId, long exerciseId, String title, String task, Target target,
                                   Double threshold, String noiseModel) {
        Workshop w = get(actor, workshopId);
        if (!AccessPolicy.canEditWorkshop(actor, w.instructorId())) throw PortalException.forbidden("only the workshop's instructor may edit exercises");
        exercise(actor, workshopId, exerciseId);
        ExerciseText x = exerciseText(title, task, target, threshold, noiseModel);
        jdbc.update("UPDATE workshop_exercises SET title = ?, task = ?, target_kind = ?, num_qubits = ?, target = ?, threshold = ?,"
                + " noise_model = ? WHERE id = ? AND workshop_id = ?", x.title(), x.task(), target.kind(), target.numQubits(),
                write(target.toData()), x.threshold(), x.noise(), exerciseId, workshopId);
        return exercise(actor, workshopId, exerciseId);
    }

    /** Puts the workshop's exercises in this order; {@code ids} must name each of them exactly once. */
    public List<Exercise> reorder(User actor, long workshopId, List<Long> ids) {
        Workshop w = get(actor, workshopId);
        if (!AccessPolicy.canEditWorkshop(actor, w.instructorId())) throw PortalException.forbidden("only the workshop's instructor may reorder exercises");
        List<Long> have = exercises(actor, workshopId).stream().map(Exercise::id).sorted().toList();
        List<Long> given = ids == null ? List.of() : ids.stream().sorted().toList();
        if (!have.equals(given)) {
            throw PortalException.unprocessable("exercise_ids: must list each of this workshop's exercises " + have + " exactly once, got "
                    + (ids == null ? "nothing" : ids));
        }
        jdbc.transaction(tx -> {
            for (int i = 0; i < ids.size(); i++) {
                tx.update("UPDATE workshop_exercises SET sort_order = ? WHERE id = ? AND workshop_id = ?", i + 1, ids.get(i), workshopId);
            }
            return null;
        });
        return exercises(actor, workshopId);
    }

    /** Moves an exercise one place up (delta -1) or down (+1); at either end it stays. */
    public List<Exercise> move(User actor, long workshopId, long exerciseId, int delta) {
        List<Long> ids = new ArrayList<>(exercises(actor, workshopId).stream().map(Exercise::id).toList());
        int at = ids.indexOf(exerciseId);
        if (at < 0) throw PortalException.notFound("exercise " + exerciseId);
        int to = Math.max(0, Math.min(ids.size() - 1, at + delta));
        ids.add(to, ids.remove(at));
        return reorder(actor, workshopId, ids);
    }

    private record ExerciseText(String title, String task, double threshold, String noise) {}

    private static ExerciseText exerciseText(String title, String task, Target target, Double threshold, String noiseModel) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) throw PortalException.badRequest("an exercise needs a title of at most 200 characters");
        double th = threshold == null ? DEFAULT_THRESHOLD : threshold;
        if (!(th > 0 && th <= 1)) throw PortalException.badRequest("the threshold must be above 0 and at most 1, got " + th);
        String taskText = task == null ? "" : task.strip();
        if (taskText.length() > MAX_TEXT) throw PortalException.badRequest("the task text is longer than " + MAX_TEXT + " characters");
        RunNoise.Model noise = RunNoise.read("noise_model", noiseModel, org.qise.circuit.Circuit.builder(target.numQubits()).build());
        if (noise != null) Grader.checkNoisy(target);
        return new ExerciseText(t, taskText, th, noise == null ? null : noise.canonicalText());
    }

    public List<Exercise> exercises(User viewer, long workshopId) {
        get(viewer, workshopId);
        return jdbc.query("SELECT * FROM workshop_exercises WHERE workshop_id = ? ORDER BY sort_order, id", WorkshopService::mapExercise, workshopId);
    }

    public Exercise exercise(User viewer, long workshopId, long exerciseId) {
        get(viewer, workshopId);
        return jdbc.queryOne("SELECT * FROM workshop_exercises WHERE id = ? AND workshop_id = ?", WorkshopService::mapExercise,
                exerciseId, workshopId).orElseThrow(() -> PortalException.notFound("exercise " + exerciseId));
    }

    /** Grades a submitted circuit for an exercise and stores the grade. */
    public Submission submit(User user, long workshopId, long exerciseId, String qasm) {
        requireSignedIn(user);
        Workshop w = get(user, workshopId);
        Exercise e = exercise(user, workshopId, exerciseId);
        // Checked before grading, so a closed workshop costs no grader time; the instructor's own
        // tries (to check an exercise works) are let through at any time.
        if (!AccessPolicy.runsWorkshop(user, w.instructorId())) {
            w.window().refusal(Instant.now()).ifPresent(why -> { throw PortalException.conflict(why); });
        }
        Grader.Grade g = grading.grade(e.target(), qasm, e.noiseModel() == null ? null : RunNoise.stored(e.noiseModel()));
        boolean passed = g.score() >= e.threshold();
        String detail = g.detail() + (passed ? " ≥ " : " < ") + "threshold " + e.threshold();
        Instant now = Instant.now();
        long id = jdbc.insert("INSERT INTO workshop_submissions (exercise_id, user_id, qasm, score, passed, detail, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", exerciseId, user.id(), qasm, g.score(), passed, detail, now);
        return new Submission(id, exerciseId, user.id(), user.name(), g.score(), passed, detail, now, qasm);
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
        if (!AccessPolicy.runsWorkshop(actor, w.instructorId())) throw PortalException.forbidden("only the workshop's instructor sees everyone's results");
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.query("SELECT u.id, u.name, u.institution FROM users u WHERE u.id IN (SELECT user_id FROM workshop_members WHERE workshop_id = ?)"
                + " OR u.id IN (SELECT user_id FROM user_cohorts WHERE cohort_id = ?)"
                + " OR u.id IN (SELECT s.user_id FROM workshop_submissions s JOIN workshop_exercises e ON e.id = s.exercise_id WHERE e.workshop_id = ?)"
                + " ORDER BY u.name", rs -> rows.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), rs.getString(3), new HashMap<>())),
                workshopId, w.cohortId() == null ? -1L : w.cohortId(), workshopId);
        rows.remove(w.instructorId());
        for (Submission s : submissions(workshopId, null)) {
            Row r = rows.get(s.userId());
            if (r != null) r.best().merge(s.exerciseId(), s, WorkshopService::better);
        }
        return new ArrayList<>(rows.values());
    }

    /** A person as the instructor's pages name them. */
    public record Participant(long id, String name, String institution) {}

    /** Whose submissions {@link #history} shows; 404 for someone who does not exist or whose work the viewer may not see. */
    public Participant participant(User viewer, long workshopId, long userId) {
        Workshop w = get(viewer, workshopId);
        if (!AccessPolicy.canSeeSubmissions(viewer, w.instructorId(), userId)) {
            throw PortalException.forbidden("only the workshop's instructor sees what others submitted");
        }
        return jdbc.queryOne("SELECT id, name, institution FROM users WHERE id = ?",
                rs -> new Participant(rs.getLong(1), rs.getString(2), rs.getString(3)), userId)
                .orElseThrow(() -> PortalException.notFound("participant " + userId));
    }

    /**
     * Everything {@code userId} submitted to the workshop, oldest first, with the circuits: for
     * the workshop's instructor (or an admin), and for the participant themselves.
     */
    public List<Submission> history(User viewer, long workshopId, long userId) {
        participant(viewer, workshopId, userId);
        return submissions(workshopId, userId);
    }

    /**
     * The results as CSV: one line per participant and exercise (participants by name, exercises
     * in their order) with the best submission's grade; "not submitted" lines have no score.
     */
    public String resultsCsv(User actor, long workshopId) {
        List<Exercise> exercises = exercises(actor, workshopId);
        List<Row> rows = results(actor, workshopId);
        ResultsCsv csv = new ResultsCsv();
        for (Row r : rows) {
            for (Exercise e : exercises) {
                Submission s = r.best().get(e.id());
                csv.row(java.util.Arrays.asList(r.name(), r.institution(), e.title(),
                        s == null ? "not submitted" : s.passed() ? "passed" : "not passed",
                        s == null ? "" : score(s.score()),
                        s == null ? "" : s.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        s == null ? "" : String.valueOf(s.id())));
            }
        }
        return csv.text();
    }

    /** A score to six decimals without trailing zeros: 1.0000000000000004 is "1", 0.25 stays "0.25". */
    static String score(double score) {
        return new java.math.BigDecimal(score).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private List<Submission> submissions(long workshopId, Long userId) {
        String sql = "SELECT s.*, u.name AS user_name FROM workshop_submissions s JOIN workshop_exercises e ON e.id = s.exercise_id"
                + " JOIN users u ON u.id = s.user_id WHERE e.workshop_id = ?" + (userId == null ? "" : " AND s.user_id = ?") + " ORDER BY s.id";
        Object[] params = userId == null ? new Object[]{workshopId} : new Object[]{workshopId, userId};
        return jdbc.query(sql, rs -> new Submission(rs.getLong("id"), rs.getLong("exercise_id"), rs.getLong("user_id"),
                rs.getString("user_name"), rs.getDouble("score"), rs.getBoolean("passed"), rs.getString("detail"),
                Jdbc.instant(rs, "created_at"), rs.getString("qasm")), params);
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
                rs.getString("join_code"), Jdbc.instant(rs, "created_at"), rs.getString("description") == null ? "" : rs.getString("description"),
                Jdbc.instant(rs, "opens_at"), Jdbc.instant(rs, "closes_at"));
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
