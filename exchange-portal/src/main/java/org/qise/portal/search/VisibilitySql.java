package org.qise.portal.search;

import java.util.List;
import org.qise.portal.people.User;

/**
 * The circuits' visibility rule as SQL over the alias {@code c} (circuits): public to everyone,
 * everything to admins, own circuits to their owner, cohort circuits to that cohort's members.
 * The same rule as {@code CircuitService.canView}; a test in SearchServiceTest pins it for each
 * kind of viewer, so the two cannot drift apart unnoticed.
 */
final class VisibilitySql {
    private VisibilitySql() {}

    static void append(User viewer, StringBuilder where, List<Object> params) {
        if (viewer == null) {
            where.append(" AND c.visibility = 'PUBLIC'");
        } else if (!viewer.isAdmin()) {
            where.append(" AND (c.visibility = 'PUBLIC' OR c.owner_id = ? OR (c.visibility = 'COHORT' AND c.cohort_id IN"
                    + " (SELECT cohort_id FROM user_cohorts WHERE user_id = ?)))");
            params.add(viewer.id());
            params.add(viewer.id());
        }
    }
}
