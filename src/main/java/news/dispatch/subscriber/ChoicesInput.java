package news.dispatch.subscriber;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a reader typed into the sign-up or preferences form, as given: any field may be
 * missing or wrong until {@link ChoiceRules} has checked it. {@code untracked} is the
 * "stories' own addresses" checkbox: ticked, the reader's links are not counted;
 * {@code weeklyDay} the weekday of a weekly digest, empty for the newsroom's usual one.
 */
public record ChoicesInput(@Nullable String email, @Nullable List<String> topics, @Nullable String keywords,
		@Nullable String frequency, @Nullable String sendHour, @Nullable String timeZone, @Nullable Boolean alerts,
		@Nullable String pausedUntil, @Nullable Boolean untracked, @Nullable String weeklyDay) {

	public List<String> topicsOrNone() {
		return (this.topics != null) ? this.topics : List.of();
	}

	/**
	 * The input of a subscriber's current choices, to fill in their form.
	 */
	public static ChoicesInput of(Subscriber subscriber) {
		return new ChoicesInput(subscriber.email(), subscriber.topics(), subscriber.keywords(),
				subscriber.frequency().name(), Integer.toString(subscriber.sendHour()), subscriber.timeZone().getId(),
				subscriber.alerts(), (subscriber.pausedUntil() != null) ? subscriber.pausedUntil().toString() : "",
				!subscriber.linkTracking(), (subscriber.weeklyDay() != null) ? subscriber.weeklyDay().name() : "");
	}

}
