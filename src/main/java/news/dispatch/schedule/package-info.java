/**
 * Runs the jobs on the schedules of {@code jobs/}, and lets several instances share one
 * database: leases with a heartbeat, one digest sender at a time, recovery of the runs of
 * a process that died.
 */
@NullMarked
package news.dispatch.schedule;

import org.jspecify.annotations.NullMarked;
