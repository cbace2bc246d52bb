package news.dispatch.subscriber;

import java.time.ZoneId;
import java.util.List;

/**
 * A subscriber as an import or a sign-up gives it, validated.
 */
record SubscriberForm(String email, String name, List<String> topics, Frequency frequency, ZoneId timeZone,
		int sendHour, boolean alerts) {
}
