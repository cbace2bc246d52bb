package news.dispatch.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import news.dispatch.system.InvalidInputException;

import org.springframework.stereotype.Service;

/**
 * Takes in returned reports saved as files ({@code .eml}, one message a file, or a folder
 * of them such as a Maildir's {@code cur/}): each file read on its own, so one that is
 * broken, too large or not ours changes nothing and stops nothing.
 */
@Service
public class ReportFiles {

	private final ReportReader reader;

	private final Feedback feedback;

	private final FeedbackSettings settings;

	ReportFiles(ReportReader reader, Feedback feedback, FeedbackSettings settings) {
		this.reader = reader;
		this.feedback = feedback;
		this.settings = settings;
	}

	/**
	 * What became of one file.
	 *
	 * @param read whether the file could be read and was either tied to a message of ours
	 * or an auto-reply (which needs nothing)
	 */
	public record FileOutcome(Path file, boolean read, Feedback.Outcome outcome) {
	}

	/**
	 * The files given and the files in the folders given (not hidden ones), in name
	 * order.
	 * @throws InvalidInputException when a path does not exist
	 */
	public List<Path> files(List<Path> paths) {
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			if (Files.isRegularFile(path)) {
				files.add(path);
			}
			else if (Files.isDirectory(path)) {
				try (Stream<Path> walk = Files.walk(path)) {
					walk.filter(Files::isRegularFile)
						.filter((file) -> !file.getFileName().toString().startsWith("."))
						.sorted()
						.forEach(files::add);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot read the folder " + path, ex);
				}
			}
			else {
				throw new InvalidInputException("The file or folder " + path
						+ " does not exist; give the path of a saved report (.eml) or of a folder of them.");
			}
		}
		return files;
	}

	/**
	 * Takes in one file.
	 */
	public FileOutcome take(Path file) {
		try {
			long size = Files.size(file);
			if (size > this.settings.maxReportSize().toBytes()) {
				return unread(file,
						"it is " + (size / 1024 / 1024) + " MB, more than dispatch.feedback.max-report-size ("
								+ this.settings.maxReportSize().toMegabytes() + " MB) allows; nothing changed");
			}
			return take(file, Files.readAllBytes(file), "file " + file.getFileName());
		}
		catch (IOException ex) {
			return unread(file, "it cannot be read (" + ex.getMessage() + "); nothing changed");
		}
	}

	/**
	 * Takes in one report's bytes, from wherever they came.
	 */
	FileOutcome take(Path name, byte[] bytes, String source) {
		Report report;
		try {
			report = this.reader.read(bytes);
		}
		catch (UnreadableReportException ex) {
			return unread(name, ex.getMessage() + "; nothing changed");
		}
		Feedback.Outcome outcome = this.feedback.take(report, "sha256:" + Feedback.sha256(bytes), source);
		return new FileOutcome(name, outcome.ours() || outcome.kind() == ReportKind.AUTO_REPLY, outcome);
	}

	private static FileOutcome unread(Path file, String why) {
		return new FileOutcome(file, false, new Feedback.Outcome(ReportKind.UNKNOWN, false, false, why));
	}

}
