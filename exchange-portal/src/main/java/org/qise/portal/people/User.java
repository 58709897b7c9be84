package org.qise.portal.people;

import java.util.List;

/** A registered researcher. Cohorts are the ids and names the person belongs to. */
public record User(long id, String email, String name, String institution, String country, Role role,
                   boolean disabled, List<Cohort> cohorts) {

    public boolean isAdmin() { return role == Role.ADMIN; }

    public boolean canInvite() { return role == Role.ADMIN || role == Role.INSTRUCTOR; }

    public boolean inCohort(long cohortId) {
        return cohorts.stream().anyMatch(c -> c.id() == cohortId);
    }
}
