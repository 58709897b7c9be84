package org.qise.portal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * The access rules as tables: who sees, edits and removes a circuit (and so its versions and
 * runs), how far a fork may be shared, and who sees and runs a workshop. The expected columns are
 * written out from the rules in the README, not computed.
 */
class AccessPolicyTest {
    static final long OWNER = 1;
    static final Cohort A = new Cohort(10, "A");
    static final Cohort B = new Cohort(20, "B");

    /** The people in the tables, by name; the circuit under test is owned by "owner" and shared with cohort A. */
    static final Map<String, User> PEOPLE = Map.of(
            "owner", user(OWNER, Role.FELLOW, A),
            "fellow-A", user(2, Role.FELLOW, A),
            "fellow-B", user(3, Role.FELLOW, B),
            "fellow-none", user(4, Role.FELLOW),
            "instructor-A", user(5, Role.INSTRUCTOR, A),
            "instructor-B", user(6, Role.INSTRUCTOR, B),
            "admin", user(7, Role.ADMIN),
            "admin-owner", user(OWNER, Role.ADMIN, A));

    static User user(long id, Role role, Cohort... cohorts) {
        return new User(id, "u" + id + "@example.org", "U" + id, "Uni", "CH", role, false, List.of(cohorts));
    }

    static User person(String name) {
        return name.equals("anonymous") ? null : PEOPLE.get(name);
    }

    @ParameterizedTest(name = "{0} and a {1} circuit: view {2}, edit {3}, remove {4}")
    @CsvSource(delimiter = '|', value = {
            // viewer     | visibility | view  | edit  | remove
            "anonymous    | PUBLIC     | true  | false | false",
            "anonymous    | COHORT     | false | false | false",
            "anonymous    | PRIVATE    | false | false | false",
            "owner        | PUBLIC     | true  | true  | true",
            "owner        | COHORT     | true  | true  | true",
            "owner        | PRIVATE    | true  | true  | true",
            "fellow-A     | PUBLIC     | true  | false | false",
            "fellow-A     | COHORT     | true  | false | false",
            "fellow-A     | PRIVATE    | false | false | false",
            "fellow-B     | PUBLIC     | true  | false | false",
            "fellow-B     | COHORT     | false | false | false",
            "fellow-B     | PRIVATE    | false | false | false",
            "fellow-none  | COHORT     | false | false | false",
            "instructor-A | COHORT     | true  | false | false",
            "instructor-A | PRIVATE    | false | false | false",
            "instructor-B | COHORT     | false | false | false",
            "instructor-B | PUBLIC     | true  | false | false",
            "admin        | PUBLIC     | true  | false | true",
            "admin        | COHORT     | true  | false | true",
            "admin        | PRIVATE    | true  | false | true",
            "admin-owner  | PRIVATE    | true  | true  | true"})
    void whoMaySeeEditAndRemoveACircuit(String viewer, Visibility visibility, boolean view, boolean edit, boolean remove) {
        User u = person(viewer);
        var circuit = new AccessPolicy.Audience(OWNER, visibility, visibility == Visibility.COHORT ? A.id() : null);
        assertEquals(view, AccessPolicy.canView(u, circuit), "view");
        assertEquals(edit, AccessPolicy.canEdit(u, OWNER), "edit");
        assertEquals(remove, AccessPolicy.canRemove(u, OWNER), "remove");
    }

    @ParameterizedTest(name = "a fork by {0} of a {1} circuit shared as {2} with cohort {3}: allowed {4}")
    @CsvSource(delimiter = '|', value = {
            // editor   | ancestor | wanted  | cohort | allowed
            "fellow-A   | PUBLIC   | PUBLIC  |        | true",
            "fellow-A   | COHORT   | PUBLIC  |        | false",
            "fellow-A   | COHORT   | COHORT  | 10     | true",
            "fellow-A   | COHORT   | COHORT  | 20     | false",
            "fellow-A   | COHORT   | PRIVATE |        | true",
            "admin      | PRIVATE  | COHORT  | 10     | false",
            "admin      | PRIVATE  | PUBLIC  |        | false",
            "admin      | PRIVATE  | PRIVATE |        | true",
            "owner      | PRIVATE  | PUBLIC  |        | true",
            "owner      | COHORT   | PUBLIC  |        | true"})
    void aForkIsNeverSharedFurtherThanItsAncestor(String editor, Visibility ancestor, Visibility wanted, Long cohort,
                                                  boolean allowed) {
        var from = new AccessPolicy.Audience(OWNER, ancestor, ancestor == Visibility.COHORT ? A.id() : null);
        Optional<String> limit = AccessPolicy.forkLimit(PEOPLE.get(editor).id(), from, "abc", wanted, cohort);
        assertEquals(allowed, limit.isEmpty(), limit.orElse("allowed"));
    }

    @ParameterizedTest(name = "{0} and a workshop for cohort {1}, joined {2}: view {3}, runs {4}")
    @CsvSource(delimiter = '|', value = {
            // viewer     | cohort | joined | view  | runs
            "anonymous    | 10     | false  | false | false",
            "owner        |        | false  | true  | true",
            "fellow-A     | 10     | false  | true  | false",
            "fellow-A     |        | false  | false | false",
            "fellow-B     | 10     | false  | false | false",
            "fellow-B     | 10     | true   | true  | false",
            "instructor-A | 10     | false  | true  | false",
            "instructor-B |        | false  | false | false",
            "admin        |        | false  | true  | true"})
    void whoMaySeeAndRunAWorkshop(String viewer, Long cohort, boolean joined, boolean view, boolean runs) {
        User u = person(viewer);
        // The workshop's instructor is "owner" (id 1).
        assertEquals(view, AccessPolicy.canViewWorkshop(u, OWNER, cohort, () -> joined), "view");
        assertEquals(runs, AccessPolicy.runsWorkshop(u, OWNER), "runs");
    }

    @ParameterizedTest(name = "{0}: edits the workshop {1}, sees fellow-A's submissions {2}")
    @CsvSource(delimiter = '|', value = {
            // viewer     | edit  | sees fellow-A's work
            "anonymous    | false | false",
            "owner        | true  | true",
            "fellow-A     | false | true",
            "fellow-B     | false | false",
            "instructor-A | false | false",
            "instructor-B | false | false",
            "admin        | true  | true"})
    void onlyThoseWhoRunAWorkshopEditItAndReadOthersSubmissions(String viewer, boolean edit, boolean seesWork) {
        User u = person(viewer);
        // The workshop's instructor is "owner" (id 1); the participant is fellow-A (id 2).
        assertEquals(edit, AccessPolicy.canEditWorkshop(u, OWNER), "edit");
        assertEquals(seesWork, AccessPolicy.canSeeSubmissions(u, OWNER, 2), "submissions");
    }

    /** The list query's SQL (appendCircuitFilter) and the single-circuit rule (canView) agree for every viewer. */
    @Test
    void listsShowExactlyTheCircuitsThePolicyLetsEachViewerSee() {
        String bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";
        try (TestPortal portal = TestPortal.start()) {
            Cohort a = portal.cohort("Access A");
            Cohort b = portal.cohort("Access B");
            User owner = portal.user("owner@example.org", Role.FELLOW, a);
            List<User> viewers = List.of(owner, portal.user("same@example.org", Role.FELLOW, a),
                    portal.user("other@example.org", Role.INSTRUCTOR, b), portal.user("admin@example.org", Role.ADMIN, null));
            CircuitService circuits = portal.server.services().circuits();
            Map<Long, AccessPolicy.Audience> made = new java.util.HashMap<>();
            for (Visibility v : Visibility.values()) {
                long id = circuits.create(owner, new CircuitDraft("c " + v, "", bell, v, List.of()));
                made.put(id, new AccessPolicy.Audience(owner.id(), v, v == Visibility.COHORT ? a.id() : null));
            }
            List<User> everyone = new java.util.ArrayList<>(viewers);
            everyone.add(null);
            for (User viewer : everyone) {
                Set<Long> listed = circuits.page(viewer, new CircuitService.Filter(null, null, null), null, 100).items().stream()
                        .map(CircuitService.Summary::id).filter(made::containsKey).collect(Collectors.toCollection(TreeSet::new));
                Set<Long> allowed = made.entrySet().stream().filter(e -> AccessPolicy.canView(viewer, e.getValue()))
                        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(allowed, listed, viewer == null ? "anonymous" : viewer.email());
            }
        }
    }
}
