package news.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newsroom for a test in a few fluent lines: topics, subscribers and stories, written
 * as the files an editor would give the commands, then imported and ingested through the
 * command line, each step checked to succeed.
 *
 * <pre>
 * Newsroom.in(cli, DATA.resolve("input"))
 * 	.topic("Russia", "russia")
 * 	.readers(60, "reader%d@example.com", "Russia")
 * 	.story("Russia story", "A story about Russia for everyone.")
 * 	.load();
 * </pre>
 */
public final class Newsroom {

	private final Cli cli;

	private final Path folder;

	private final StringBuilder topics = new StringBuilder();

	private String columns = "email,topics";

	private final List<String> subscribers = new ArrayList<>();

	/** The inbox's files: their ending and their text. */
	private final List<String[]> stories = new ArrayList<>();

	private Newsroom(Cli cli, Path folder) {
		this.cli = cli;
		this.folder = folder;
	}

	/**
	 * A newsroom whose files go to this folder.
	 */
	public static Newsroom in(Cli cli, Path folder) {
		return new Newsroom(cli, folder);
	}

	/**
	 * The standard newsroom of the fixtures: topics.yml, subscribers.csv and the articles
	 * of inbox/.
	 */
	public static void standard(Cli cli, Path folder) {
		assertThat(cli.run("topics", "import", Fixtures.copy("topics.yml", folder).toString()).exitCode()).isZero();
		assertThat(cli.run("subscribers", "import", Fixtures.copy("subscribers.csv", folder).toString()).exitCode())
			.isZero();
		assertThat(cli.run("ingest", "--quiet", "--from", Fixtures.copy("inbox/", folder.resolve("inbox")).toString())
			.exitCode()).isZero();
	}

	/**
	 * So many readers of Russia ({@code reader0@example.com} on) and one story about
	 * Russia, loaded: the next edition has one message for each reader.
	 */
	public static Cli oneStoryForEach(Cli cli, Path folder, int readers) {
		return in(cli, folder).topic("Russia", "russia")
			.readers(readers, "reader%d@example.com", "Russia")
			.story("Russia story", "A story about Russia for everyone.")
			.load();
	}

	/**
	 * The id of the stored article whose headline starts so.
	 */
	public static long articleId(Articles articles, String headlineStart) {
		return articles.publishedSince(Instant.EPOCH, 1000)
			.stream()
			.filter((article) -> article.headline().startsWith(headlineStart))
			.map(Article::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no article whose headline starts with " + headlineStart));
	}

	/**
	 * A topic of this name matching this query.
	 */
	public Newsroom topic(String name, String query) {
		this.topics.append("  - name: \"").append(name).append("\"\n    query: '").append(query).append("'\n");
		return this;
	}

	/**
	 * The columns of the subscribers that follow ({@code email,topics} unless said).
	 */
	public Newsroom columns(String columns) {
		this.columns = columns;
		return this;
	}

	/**
	 * One subscriber: the values of the columns, in their order.
	 */
	public Newsroom subscriber(String... values) {
		this.subscribers.add(String.join(",", values));
		return this;
	}

	/**
	 * A subscriber for each of these addresses, the other values the same for all.
	 */
	public Newsroom subscribers(List<String> emails, String... values) {
		for (String email : emails) {
			List<String> row = new ArrayList<>(List.of(email));
			row.addAll(List.of(values));
			this.subscribers.add(String.join(",", row));
		}
		return this;
	}

	/**
	 * As many subscribers as given, each address the pattern with its number from 0, the
	 * other values the same for all.
	 */
	public Newsroom readers(int count, String emailPattern, String... values) {
		for (int i = 0; i < count; i++) {
			List<String> row = new ArrayList<>(List.of(String.format(emailPattern, i)));
			row.addAll(List.of(values));
			this.subscribers.add(String.join(",", row));
		}
		return this;
	}

	/**
	 * A story in the inbox: its headline and its text.
	 */
	public Newsroom story(String headline, String text) {
		this.stories.add(new String[] { ".txt", headline + "\n\n" + text + "\n" });
		return this;
	}

	/**
	 * A story in the inbox with the address it has on the newsroom's own site.
	 */
	public Newsroom story(String headline, String url, String text) {
		this.stories.add(new String[] { ".json", "{\"headline\": \"%s\", \"url\": \"%s\", \"body\": \"%s\"}\n"
			.formatted(json(headline), json(url), json(text)) });
		return this;
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	/**
	 * Writes the files and gives them to {@code topics import},
	 * {@code subscribers import} and {@code ingest}, each of which must succeed; what was
	 * not given is left out.
	 */
	public Cli load() {
		if (!this.topics.isEmpty()) {
			Path file = write("topics.yml", "topics:\n" + this.topics);
			assertThat(this.cli.run("topics", "import", file.toString()).exitCode()).isZero();
		}
		if (!this.subscribers.isEmpty()) {
			Path file = write("subscribers.csv", this.columns + "\n" + String.join("\n", this.subscribers) + "\n");
			Cli.Result imported = this.cli.run("subscribers", "import", file.toString());
			assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
		}
		if (!this.stories.isEmpty()) {
			Path inbox = this.folder.resolve("inbox");
			for (int i = 0; i < this.stories.size(); i++) {
				write("inbox/story" + ((i == 0) ? "" : "-" + (i + 1)) + this.stories.get(i)[0], this.stories.get(i)[1]);
			}
			Cli.Result ingested = this.cli.run("ingest", "--quiet", "--from", inbox.toString());
			assertThat(ingested.exitCode()).as(ingested.err()).isZero();
		}
		return this.cli;
	}

	private Path write(String name, String text) {
		try {
			Path file = this.folder.resolve(name);
			Files.createDirectories(file.getParent());
			return Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
