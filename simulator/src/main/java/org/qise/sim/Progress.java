package org.qise.sim;

/** Receives progress of a long simulation: {@code done} of {@code total} units of {@code what}. */
@FunctionalInterface
public interface Progress {
    void update(long done, long total, String what);

    Progress NONE = (done, total, what) -> { };
}
