package org.qise.portal.runs;

import java.time.Instant;

/**
 * The verdict on a reproduction once it has ended, stored against the run it reproduces. Shared
 * by the portal's own workers and {@code qise worker} processes, so a verdict is the same
 * wherever the rerun ran.
 */
final class Reproductions {
    private Reproductions() {}

    /**
     * Judges the ended run {@code runId} against its original and stores the verdict, when it is
     * a reproduction that has none yet; true when a verdict was stored, false too when another
     * process stored one between the check and the insert (its verdict stands; see
     * {@link RunStore#insertRerunVerdict}). Called in the transaction that ends the run, so
     * "ended" and "judged" are written together.
     */
    static boolean judgeIfReproduction(RunStore store, long runId, Instant now) {
        Run rerun = store.find(runId).orElseThrow();
        if (rerun.reproducesId() == null || !rerun.status().finished() || store.hasVerdict(runId)) return false;
        Run original = store.find(rerun.reproducesId()).orElseThrow();
        Verdicts.Outcome outcome = rerun.status() == RunStatus.DONE
                ? Verdicts.judge(String.valueOf(original.simulatorVersion()), original.resultSha256(), original.counts(),
                        rerun.simulatorVersion(), rerun.resultSha256(), rerun.counts(), rerun.freshSeed())
                : Verdicts.inconclusive(rerun.status(), rerun.message());
        return store.insertRerunVerdict(original.id(), runId, outcome, now);
    }
}
