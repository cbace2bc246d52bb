package news.dispatch.ingest;

import java.time.Instant;

/**
 * A feed or page has been failing for longer than
 * {@code dispatch.ingest.politeness.alert-after}; published once per failing spell.
 *
 * @param location the source's address
 * @param failures failures in a row
 * @param failingSince the first of them
 * @param lastError what the last one was
 */
public record SourceFailing(String location, int failures, Instant failingSince, String lastError) {
}
