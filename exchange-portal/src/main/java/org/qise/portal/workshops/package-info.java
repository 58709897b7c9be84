/**
 * Workshops: an instructor's exercises with targets (a state, a unitary up to global phase, or
 * a distribution) and pass thresholds; participants' circuits graded at once by
 * {@link org.qise.portal.workshops.Grader} on the bounded {@link org.qise.portal.workshops.GradingQueue}; the instructor's table of who solved what, each participant's circuits, and the results as
 * CSV ({@link org.qise.portal.workshops.ResultsCsv}); editing, ordering, and the window in
 * which submissions are taken ({@link org.qise.portal.workshops.SubmissionWindow}).
 */
package org.qise.portal.workshops;
