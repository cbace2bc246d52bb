package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cuts long lists of query parameters into slices a database takes in one statement:
 * PostgreSQL's protocol allows at most 32,767 parameters, and a chunk may be configured
 * larger than that allows.
 */
final class InLists {

	static final int SLICE = 1000;

	private InLists() {
	}

	static <T> List<List<T>> slices(List<T> values) {
		if (values.isEmpty()) {
			return List.of();
		}
		List<List<T>> slices = new ArrayList<>();
		for (int from = 0; from < values.size(); from += SLICE) {
			slices.add(values.subList(from, Math.min(values.size(), from + SLICE)));
		}
		return slices;
	}

	/**
	 * {@code (?), (?), …}: the rows of a {@code values} table of one column.
	 */
	static String rows(int count) {
		return String.join(", ", Collections.nCopies(count, "(?)"));
	}

}
