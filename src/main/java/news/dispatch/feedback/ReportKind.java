package news.dispatch.feedback;

/**
 * What a returned report says about a message.
 */
public enum ReportKind {

	/** Refused for good (5.x.x, "user unknown"): the message bounced. */
	HARD_BOUNCE("hard bounce"),
	/** Refused for now (4.x.x, or a full mailbox): counted separately. */
	SOFT_BOUNCE("soft bounce"),
	/** The reader reported the message as spam (ARF). */
	COMPLAINT("complaint"),
	/** An out-of-office or other automatic answer: not a bounce. */
	AUTO_REPLY("auto-reply"),
	/** A delay warning or a delivery confirmation: the message may still arrive. */
	NOTICE("delivery notice"),
	/** Neither a bounce, a complaint nor an auto-reply. */
	UNKNOWN("not a report");

	private final String label;

	ReportKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * Whether the report changes something about the message and its reader.
	 */
	public boolean acted() {
		return this == HARD_BOUNCE || this == SOFT_BOUNCE || this == COMPLAINT;
	}

}
