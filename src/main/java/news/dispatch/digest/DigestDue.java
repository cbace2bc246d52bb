package news.dispatch.digest;

import java.time.LocalDate;

/**
 * A subscriber due an edition (their local date) at an hourly run's hour. Public only
 * because the step's reader and writer are beans, which ahead-of-time processing reaches
 * from another package.
 *
 * @param subscriberId who
 * @param edition their local date at the run's hour
 */
public record DigestDue(long subscriberId, LocalDate edition) {
}
