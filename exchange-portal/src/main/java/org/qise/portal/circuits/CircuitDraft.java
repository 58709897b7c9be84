package org.qise.portal.circuits;

import java.util.List;

/**
 * What an author submits to create or edit a circuit. For an edit, a null visibility or tags
 * list keeps the current one. {@code cohort} names which of the author's cohorts may see a
 * cohort-visible circuit; null means the author's first cohort (or, on an edit, the current one).
 */
public record CircuitDraft(String title, String description, String qasm, Visibility visibility, List<String> tags,
                           String cohort) {

    public CircuitDraft(String title, String description, String qasm, Visibility visibility, List<String> tags) {
        this(title, description, qasm, visibility, tags, null);
    }
}
