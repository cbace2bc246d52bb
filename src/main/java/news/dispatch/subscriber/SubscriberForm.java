package news.dispatch.subscriber;

import java.time.ZoneId;
import java.util.List;

/**
 * A subscriber as an import or a sign-up gives it, validated.
 *
 * @param keywords a valid query in the topic language, or empty
 */
record SubscriberForm(String email, String name, List<String> topics, Frequency frequency, ZoneId timeZone,
		int sendHour, boolean alerts, String keywords) {
}
