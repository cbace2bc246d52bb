package news.dispatch.subscriber;

import java.time.ZoneId;
import java.util.List;

/**
 * A reader and what they asked for.
 *
 * @param email lower-cased, unique
 * @param name how to greet them; may be empty
 * @param topics the names of the topics they follow
 * @param sendHour the hour (0–23) in their zone when their digest is due
 * @param alerts whether they accept breaking-news alerts
 * @param status {@code ACTIVE}, {@code UNSUBSCRIBED} or {@code SUPPRESSED}
 * @param keywords their own query in the topic language; empty when they have none
 */
public record Subscriber(long id, String email, String name, List<String> topics, Frequency frequency, ZoneId timeZone,
		int sendHour, boolean alerts, String status, String keywords) {
}
