/**
 * Job runtime: starting runs and waiting for them, stop requests, progress, the leases
 * that say a run is alive, and recovering the runs a dead process left going.
 */
@NullMarked
package news.dispatch.run;

import org.jspecify.annotations.NullMarked;
