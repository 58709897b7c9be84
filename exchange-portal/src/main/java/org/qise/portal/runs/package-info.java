/**
 * Runs of circuits on the portal and reproducible results: a fair, bounded queue served by a
 * few workers ({@link org.qise.portal.runs.RunService}), caps checked before anything runs,
 * cooperative cancellation and time limits through the simulator's progress callback, the
 * reproducibility manifest stored with every result, reproduction with a verdict
 * ("bit-exact", "statistically-consistent", "different"), results pushed from elsewhere, and
 * downloads and citations.
 */
package org.qise.portal.runs;
