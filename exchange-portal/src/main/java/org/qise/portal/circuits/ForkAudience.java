package org.qise.portal.circuits;

import java.util.Optional;
import org.qise.portal.PortalException;
import org.qise.portal.access.AccessPolicy;
import org.qise.portal.db.Jdbc;

/**
 * How far a fork may be shared: never further than the circuits it descends from. A fork of a
 * cohort-only circuit may be shared with that cohort at most, a fork of someone's private
 * circuit (an admin's fork, say) stays private; otherwise forking would be a way to publish
 * what its author shared with a few. This class walks the ancestors; {@link AccessPolicy#forkLimit}
 * decides for each.
 */
final class ForkAudience {
    private record Ancestor(String publicId, long ownerId, Visibility visibility, Long cohortId, Long forkedFromId) {}

    /** Forks of forks are followed this far up (a chain is never longer in practice). */
    private static final int MAX_DEPTH = 200;

    private ForkAudience() {}

    /** 403 when {@code visibility} (with {@code cohortId}) reaches beyond what the fork's ancestors allow. */
    static void check(Jdbc jdbc, long editorId, Long forkedFromId, Visibility visibility, Long cohortId) {
        if (visibility == Visibility.PRIVATE) return;
        Long from = forkedFromId;
        for (int depth = 0; from != null && depth < MAX_DEPTH; depth++) {
            Optional<Ancestor> a = jdbc.queryOne("SELECT public_id, owner_id, visibility, cohort_id, forked_from_id FROM circuits WHERE id = ?",
                    rs -> new Ancestor(rs.getString(1), rs.getLong(2), Visibility.valueOf(rs.getString(3)), Jdbc.nullableLong(rs, "cohort_id"),
                            Jdbc.nullableLong(rs, "forked_from_id")), from);
            if (a.isEmpty()) return;
            Ancestor src = a.get();
            var limit = AccessPolicy.forkLimit(editorId, new AccessPolicy.Audience(src.ownerId(), src.visibility(), src.cohortId()),
                    src.publicId(), visibility, cohortId);
            if (limit.isPresent()) throw PortalException.forbidden(limit.get());
            from = src.forkedFromId();
        }
    }
}
