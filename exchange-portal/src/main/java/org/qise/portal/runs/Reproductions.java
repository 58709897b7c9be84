package org.qise.portal.runs;

import java.time.Instant;

/**
 * The verdict on a reproduction once it has ended, stored against the run it reproduces. Shared
 * by the portal's own workers and {@code qise worker} processes, so a verdict is the same
 * wherever the rerun ran.
 */
final class Reproductions {
    private Reproductions() {}

    /** Judges the ended rerun {@code rerunId} against its original and stores the verdict. */
    static void judge(RunStore store, long rerunId, Instant now) {
        Run rerun = store.find(rerunId).orElseThrow();
        Run original = store.find(rerun.reproducesId()).orElseThrow();
        Verdicts.Outcome outcome = rerun.status() == RunStatus.DONE
                ? Verdicts.judge(String.valueOf(original.simulatorVersion()), original.resultSha256(), original.counts(),
                        rerun.simulatorVersion(), rerun.resultSha256(), rerun.counts(), rerun.freshSeed())
                : Verdicts.inconclusive(rerun.status(), rerun.message());
        store.insertVerification(original.id(), rerunId, outcome, now);
    }
}
