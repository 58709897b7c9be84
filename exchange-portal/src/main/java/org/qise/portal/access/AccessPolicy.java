package org.qise.portal.access;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.User;

/**
 * The one place that decides who may see and change what. Circuits, their versions and their runs
 * share one audience: a version or run is visible exactly when its circuit is. Services and pages
 * ask here rather than comparing owner ids and roles themselves, so a rule changes in one place
 * (and its SQL twin, {@link #appendCircuitFilter}, sits next to it).
 *
 * <p>The rules: a public circuit is visible to everyone, signed in or not; a cohort circuit to its
 * owner, admins and members of its cohort; a private one to its owner and admins. Only the owner
 * edits a circuit (an admin may remove someone's work, never rewrite it); the owner or an admin
 * deletes it, deletes a comment (its author) and cancels a run. A workshop is run by its
 * instructor or an admin and visible to them, to its cohort and to those who joined it; only
 * they edit it and its exercises and see what each participant submitted.
 */
public final class AccessPolicy {
    /** What the rules need to know of a circuit. */
    public record Audience(long ownerId, Visibility visibility, Long cohortId) {}

    private AccessPolicy() {}

    /** May {@code viewer} (null when anonymous) see the circuit, any of its versions and its runs? */
    public static boolean canView(User viewer, Audience circuit) {
        if (circuit.visibility() == Visibility.PUBLIC) return true;
        if (viewer == null) return false;
        if (viewer.isAdmin() || viewer.id() == circuit.ownerId()) return true;
        return circuit.visibility() == Visibility.COHORT && circuit.cohortId() != null && viewer.inCohort(circuit.cohortId());
    }

    /**
     * {@link #canView} as SQL over a circuits table aliased {@code alias}, appended as
     * {@code AND …} to {@code where}, for lists (which must not drop rows after paging).
     */
    public static void appendCircuitFilter(User viewer, String alias, StringBuilder where, List<Object> params) {
        if (viewer == null) {
            where.append(" AND ").append(alias).append(".visibility = 'PUBLIC'");
        } else if (!viewer.isAdmin()) {
            where.append(" AND (").append(alias).append(".visibility = 'PUBLIC' OR ").append(alias).append(".owner_id = ? OR (")
                    .append(alias).append(".visibility = 'COHORT' AND ").append(alias)
                    .append(".cohort_id IN (SELECT cohort_id FROM user_cohorts WHERE user_id = ?)))");
            params.add(viewer.id());
            params.add(viewer.id());
        }
    }

    /** May {@code actor} save a new version of (or re-share) a circuit owned by {@code ownerId}? */
    public static boolean canEdit(User actor, long ownerId) {
        return actor != null && actor.id() == ownerId;
    }

    /** May {@code actor} delete or cancel what {@code ownerId} made: a circuit, a comment, a run? */
    public static boolean canRemove(User actor, long ownerId) {
        return actor != null && (actor.isAdmin() || actor.id() == ownerId);
    }

    /**
     * Why a fork edited by {@code editorId} may not be shared as {@code wanted} (with
     * {@code cohortId}), given one of its ancestors; empty when the ancestor allows it. A fork is
     * never shared further than what it descends from; ancestors the editor owns set no limit.
     */
    public static Optional<String> forkLimit(long editorId, Audience ancestor, String ancestorRef, Visibility wanted, Long cohortId) {
        if (wanted == Visibility.PRIVATE || ancestor.ownerId() == editorId) return Optional.empty();
        if (ancestor.visibility() == Visibility.PRIVATE) {
            return Optional.of("this circuit is a fork of circuit " + ancestorRef + ", which is private to its author, so it stays private");
        }
        if (ancestor.visibility() == Visibility.COHORT) {
            boolean sameCohort = wanted == Visibility.COHORT && ancestor.cohortId() != null && ancestor.cohortId().equals(cohortId);
            if (!sameCohort) {
                return Optional.of("this circuit is a fork of circuit " + ancestorRef + ", which is shared with its cohort only,"
                        + " so it may be shared with that cohort at most");
            }
        }
        return Optional.empty();
    }

    /** Does {@code viewer} run the workshop (add exercises, see everyone's results)? */
    public static boolean runsWorkshop(User viewer, long instructorId) {
        return viewer != null && (viewer.isAdmin() || viewer.id() == instructorId);
    }

    /** May {@code actor} change a workshop's title, description, dates and exercises (text, target, order)? */
    public static boolean canEditWorkshop(User actor, long instructorId) {
        return runsWorkshop(actor, instructorId);
    }

    /**
     * May {@code viewer} read the circuits that {@code participantId} submitted to a workshop, and
     * their grades? The participant (their own history) and those who run the workshop.
     */
    public static boolean canSeeSubmissions(User viewer, long instructorId, long participantId) {
        return viewer != null && (viewer.id() == participantId || runsWorkshop(viewer, instructorId));
    }

    /** May {@code viewer} see a workshop: its runners, its cohort, and those who joined it with the code (asked last, it may query). */
    public static boolean canViewWorkshop(User viewer, long instructorId, Long cohortId, BooleanSupplier joined) {
        if (viewer == null) return false;
        if (runsWorkshop(viewer, instructorId)) return true;
        return (cohortId != null && viewer.inCohort(cohortId)) || joined.getAsBoolean();
    }
}
