package org.qise.portal.people;

/** A group of fellows who share circuits with each other (e.g. "Spring 2026"). */
public record Cohort(long id, String name) {}
