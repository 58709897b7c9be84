package org.qise.portal.circuits;

import java.util.List;

/**
 * What an author submits to create or edit a circuit. For an edit, a null visibility or tags
 * list keeps the current one.
 */
public record CircuitDraft(String title, String description, String qasm, Visibility visibility, List<String> tags) {}
