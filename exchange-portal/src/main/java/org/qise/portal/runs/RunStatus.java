package org.qise.portal.runs;

import java.util.Locale;

/** Where a run is in its life: queued → running → done, failed, cancelled or timed_out. */
public enum RunStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED, TIMED_OUT;

    /** The name used in the API and on pages: queued, running, done, failed, cancelled, timed_out. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has ended and will not change any more. */
    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
