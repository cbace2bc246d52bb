package news.dispatch.delivery;

/**
 * Where a message stands.
 */
public enum DeliveryStatus {

	/** Planned, not yet accepted by the SMTP server. */
	PENDING,
	/** Accepted by the SMTP server: never sent again. */
	SENT,
	/** Refused for now (4xx, timeout): sent again by the next run. */
	RETRY,
	/** Refused for good (5xx, invalid address). */
	BOUNCED,
	/** Could not be composed or is no longer wanted. */
	FAILED,
	/**
	 * Not sent by its own job, on purpose: an alert held in the reader's quiet hours. The
	 * article it carries is left for the reader's next digest.
	 */
	HELD,
	/**
	 * Not sent: the reader had reached their cap of alerts for the day. The article is
	 * left for their next digest.
	 */
	CAPPED

}
