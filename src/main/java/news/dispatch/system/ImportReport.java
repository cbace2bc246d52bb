package news.dispatch.system;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import of a file did: how many records it added, changed or found unchanged,
 * and each record it refused with the line and the reason.
 */
public final class ImportReport {

	/**
	 * A refused record.
	 *
	 * @param line the record's line in the file, counting from 1
	 * @param reason what is wrong and how to fix it
	 */
	public record Problem(int line, String reason) {
	}

	private int added;

	private int changed;

	private int unchanged;

	private final List<Problem> problems = new ArrayList<>();

	public void added() {
		this.added++;
	}

	public void changed() {
		this.changed++;
	}

	public void unchanged() {
		this.unchanged++;
	}

	public void refused(int line, String reason) {
		this.problems.add(new Problem(line, reason));
	}

	public int addedCount() {
		return this.added;
	}

	public int changedCount() {
		return this.changed;
	}

	public int unchangedCount() {
		return this.unchanged;
	}

	public List<Problem> problems() {
		return List.copyOf(this.problems);
	}

}
