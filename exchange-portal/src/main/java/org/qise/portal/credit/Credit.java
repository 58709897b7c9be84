package org.qise.portal.credit;

import java.util.List;

/**
 * Who made a circuit version and under which terms, as pages, the API, citations and exports
 * show it.
 *
 * @param licence the circuit's licence (a fork keeps its origin's)
 * @param authors everyone credited, the original creator first, down the fork chain to this circuit's owner
 * @param chain   this circuit version, then the version it was forked from, and so on to the first
 * @param stars   how many people starred the circuit
 * @param forks   how many circuits were forked from it (deleted ones not counted)
 * @param starred whether the viewer starred it
 */
public record Credit(Licence licence, List<Author> authors, List<Link> chain, long stars, long forks, boolean starred) {

    /**
     * One credited person.
     *
     * @param orcid the bare ORCID iD (0000-0002-1825-0097) when the person gave one, else null
     */
    public record Author(long userId, String name, String institution, String orcid) {
        /** The ORCID iD as a URL, which is how ORCID asks it to be shown; null when unknown. */
        public String orcidUrl() {
            return orcid == null ? null : "https://orcid.org/" + orcid;
        }
    }

    /**
     * One circuit version in a fork chain. Title and public id are null for an origin the viewer
     * may not see (it was made private or deleted since): its authors are credited all the same.
     */
    public record Link(String publicId, int version, String title, String ownerName) {
        public boolean visible() {
            return publicId != null;
        }
    }

    /** The authors' names in order, for citations. */
    public List<String> authorNames() {
        return authors.stream().map(Author::name).toList();
    }
}
