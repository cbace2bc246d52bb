package news.dispatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import news.dispatch.Cli;
import news.dispatch.Newsroom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newsroom of the archive's tests: three topics, one of them kept off the archive,
 * two readers, and stories as JSON with their publication times (so their order is
 * known), published in the hours before now.
 */
final class ArchiveNewsroom {

	static final String TOPICS = """
			topics:
			  - name: "North Korea"
			    query: '"north korea" OR pyongyang'
			  - name: "Russia"
			    query: 'russia OR kremlin'
			  - name: "Staff notes"
			    query: 'canteen'
			    archive: false
			""";

	private ArchiveNewsroom() {
	}

	/**
	 * Imports the topics and readers, then ingests {@code extra} Russia stories besides
	 * the named ones; returns when they are stored, matched and in the archive's index.
	 */
	static void load(Cli cli, ArchiveIndex index, Path folder, int extra) throws IOException {
		write(folder.resolve("topics.yml"), TOPICS);
		assertThat(cli.run("topics", "import", folder.resolve("topics.yml").toString()).exitCode()).isZero();
		Newsroom.in(cli, folder)
			.columns("email,name,topics")
			.subscriber("ann.reader@example.net", "Ann Reader", "North Korea;Russia")
			.subscriber("bo.other@example.net", "Bo Other", "Russia")
			.load();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		List<String> articles = new ArrayList<>();
		articles.add(article("Pyongyang fires a missile over the sea",
				"North Korea fired a missile on Monday," + " the defence ministry said.",
				"https://news.example.org/korea-missile", now.minusSeconds(3600)));
		articles.add(article("Kremlin answers new sanctions", "Russia said on Monday it would answer the sanctions.",
				"https://wire.example.com/kremlin", now.minusSeconds(7200)));
		articles.add(article("Canteen closes for repairs", "The canteen closes on Friday <script>alert(1)</script>.",
				"javascript:alert(1)", now.minusSeconds(1800)));
		for (int i = 0; i < extra; i++) {
			articles.add(article("Russia story number " + i, "Russia and its neighbours, report " + i + ".",
					"https://wire.example.com/russia-" + i, now.minusSeconds(10_800 + 60L * i)));
		}
		Path inbox = folder.resolve("archive-inbox");
		write(inbox.resolve("stories.json"), "[" + String.join(",\n", articles) + "]");
		Cli.Result ingested = cli.run("ingest", "--quiet", "--from", inbox.toString());
		assertThat(ingested.exitCode()).as(ingested.err()).isZero();
		index.refresh();
	}

	/**
	 * The path and query of the link to the reader's web copy ("View in browser") in a
	 * digest's HTML, a link to this site.
	 */
	static String copyLink(String html, String site) {
		Matcher matcher = Pattern.compile(Pattern.quote(site) + "(/archive/copies/[0-9]+\\?token=[\\w.-]+)")
			.matcher(html.replace("&amp;", "&"));
		assertThat(matcher.find()).as("a View in browser link to " + site + " in " + html).isTrue();
		return matcher.group(1);
	}

	private static String article(String headline, String body, String url, Instant published) {
		return "{\"headline\": \"" + headline + "\", \"body\": \"" + body.replace("\"", "\\\"") + "\", \"url\": \""
				+ url + "\", \"published\": \"" + published + "\"}";
	}

	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
