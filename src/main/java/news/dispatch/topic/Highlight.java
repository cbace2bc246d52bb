package news.dispatch.topic;

/**
 * A highlighted range of a {@link TopicMatch#snippet() snippet}, in Java {@code char}
 * offsets.
 *
 * @param start offset of the first highlighted char
 * @param end offset after the last highlighted char (exclusive)
 */
public record Highlight(int start, int end) {

	/**
	 * Validate the range.
	 */
	public Highlight {
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("Invalid highlight [" + start + ", " + end + ")");
		}
	}

}
