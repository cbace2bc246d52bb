package news.dispatch.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading article files: the headline, the story's paragraphs, and nothing of the page
 * around them; and a reason, naming the file, for every file that is not an article.
 */
class ArticleFilesTests {

	private static final String SEED_SHAPED = """
			Leaders meet at border station as talks on grain deal resume

			The two leaders met on Tuesday at a border station in the far east, officials said.

			Talks on a grain deal resumed after a pause of six months, according to state media.

			A map showing the border region and the rail line to the coast

			The meeting could last until Thursday – although neither side confirmed “the schedule”.

			  • Inside the leader’s private train
			  • How worrying is the new alliance?

			Analysts said the deal could be signed within weeks.

			Leave a Reply

			Your email address will not be published. Required fields are marked *
			""";

	private final ArticleFiles files = new ArticleFiles(1_000_000, Boilerplate.standard());

	@TempDir
	Path folder;

	@Test
	void headlineIsTheFirstNonEmptyLineAndTheBodyItsParagraphs() throws IOException {
		ArticleDraft draft = this.files.read("inbox", write("story.txt", "\n\n" + SEED_SHAPED));

		assertThat(draft.headline()).isEqualTo("Leaders meet at border station as talks on grain deal resume");
		assertThat(draft.paragraphs()).containsExactly(
				"The two leaders met on Tuesday at a border station in the far east, officials said.",
				"Talks on a grain deal resumed after a pause of six months, according to state media.",
				"The meeting could last until Thursday – although neither side confirmed “the schedule”.",
				"Analysts said the deal could be signed within weeks.");
		assertThat(draft.item()).isEqualTo("story.txt");
	}

	@Test
	void captionsRelatedLinksAndTheCommentFormAreNotTheStory() throws IOException {
		String body = this.files.read("inbox", write("story.txt", SEED_SHAPED)).body();

		assertThat(body).doesNotContain("A map showing")
			.doesNotContain("•")
			.doesNotContain("Inside the leader’s private train")
			.doesNotContain("Leave a Reply")
			.doesNotContain("Your email address will not be published");
	}

	@Test
	void linesWrappedWithinAParagraphAreJoinedAndWhiteSpaceFolded() throws IOException {
		ArticleDraft draft = this.files.read("inbox", write("wrapped.txt",
				"Headline here\r\n\r\nFirst line of the\r\nfirst   paragraph.\r\n\r\nSecond.\r\n"));

		assertThat(draft.paragraphs()).containsExactly("First line of the first paragraph.", "Second.");
	}

	@Test
	void aByteOrderMarkIsNotPartOfTheHeadline() throws IOException {
		ArticleDraft draft = this.files.read("inbox", write("bom.txt", "\uFEFFSanctions widen\n\nThe body."));

		assertThat(draft.headline()).isEqualTo("Sanctions widen");
	}

	@Test
	void theSameTextHasTheSameHashWhateverTheFileName() throws IOException {
		String first = this.files.read("a", write("one.txt", SEED_SHAPED)).contentHash();
		String copy = this.files.read("b", write("two.txt", SEED_SHAPED)).contentHash();
		String edited = this.files.read("a", write("three.txt", SEED_SHAPED.replace("Tuesday", "Wednesday")))
			.contentHash();

		assertThat(copy).isEqualTo(first);
		assertThat(edited).isNotEqualTo(first);
	}

	@Test
	void anEmptyFileIsRefusedWithItsNameAndAReason() throws IOException {
		assertThatExceptionOfType(UnusableInputException.class)
			.isThrownBy(() -> this.files.read("inbox", write("empty.txt", "")))
			.satisfies((ex) -> {
				assertThat(ex.item()).isEqualTo("empty.txt");
				assertThat(ex.reason()).contains("no text");
			});
	}

	@Test
	void aHeadlineWithoutAStoryIsRefused() throws IOException {
		assertThatExceptionOfType(UnusableInputException.class)
			.isThrownBy(() -> this.files.read("inbox", write("headline.txt", "Only a headline\n\nLeave a Reply\n")))
			.withMessageContaining("no story");
	}

	@Test
	void aBinaryFileIsRefused() throws IOException {
		Path binary = this.folder.resolve("photo.jpg");
		Files.write(binary, new byte[] { (byte) 0xFF, (byte) 0xD8, 0x00, 0x10 });

		assertThatExceptionOfType(UnusableInputException.class).isThrownBy(() -> this.files.read("inbox", binary))
			.withMessageContaining("binary");
	}

	@Test
	void textThatIsNotUtf8IsRefusedWithTheFix() throws IOException {
		Path latin1 = this.folder.resolve("latin1.txt");
		Files.write(latin1, "Caf\u00e9 opens\n\nA story.".getBytes(StandardCharsets.ISO_8859_1));

		assertThatExceptionOfType(UnusableInputException.class).isThrownBy(() -> this.files.read("inbox", latin1))
			.withMessageContaining("not valid UTF-8")
			.withMessageContaining("save it as UTF-8");
	}

	@Test
	void aFileOverTheLimitIsRefusedWithoutBeingRead() throws IOException {
		ArticleFiles small = new ArticleFiles(100, Boilerplate.standard());
		Path large = write("large.txt", "Headline\n\n" + "word ".repeat(100));

		assertThatExceptionOfType(UnusableInputException.class).isThrownBy(() -> small.read("inbox", large))
			.withMessageContaining("more than the limit of 100")
			.withMessageContaining("dispatch.ingest.max-file-size");
	}

	@Test
	void aJsonFileHoldingAListGivesEachArticleInItsPlace() throws IOException {
		Path file = write("wire.json",
				"""
						[{"headline": "Tram line reaches the airport", "body": "The new tram line reached the airport on Monday.",
						  "url": "https://wire.example/tram", "published": "2026-11-26T08:00:00Z"},
						 {"headline": "Library extends its hours", "body": ["It opens until nine.", "It opens on Sundays too."]},
						 {"body": "A story without a headline."},
						 "not an article"]
						""");

		List<ArticleFiles.Part> parts = this.files.parts("wire", "wire.json", file);

		assertThat(parts).extracting(ArticleFiles.Part::item)
			.containsExactly("wire.json#1", "wire.json#2", "wire.json#3", "wire.json#4");
		assertThat(parts).extracting(ArticleFiles.Part::place).containsExactly("#1", "#2", "#3", "#4");
		ArticleDraft tram = parts.get(0).intake().draft();
		assertThat(tram.headline()).isEqualTo("Tram line reaches the airport");
		assertThat(tram.url()).isEqualTo("https://wire.example/tram");
		assertThat(tram.publishedAt()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
		assertThat(tram.item()).isEqualTo("wire.json#1");
		assertThat(parts.get(1).intake().draft().paragraphs()).containsExactly("It opens until nine.",
				"It opens on Sundays too.");
		assertThatExceptionOfType(UnusableInputException.class).isThrownBy(() -> parts.get(2).intake().draft())
			.withMessageContaining("no headline")
			.satisfies((refusal) -> assertThat(refusal.item()).isEqualTo("wire.json#3"));
		assertThatExceptionOfType(UnusableInputException.class).isThrownBy(() -> parts.get(3).intake().draft())
			.withMessageContaining("not an article object");
	}

	@Test
	void aJsonFileHoldingOneArticleOrBrokenJsonIsOnePart() throws IOException {
		Path one = write("one.json", "\uFEFF {\"headline\": \"Pier reopens\", \"body\": \"The pier reopened.\"}");
		Path broken = write("broken.json", "[{\"headline\": \"Half a list\"");
		Path empty = write("empty.json", " [ ] ");

		assertThat(this.files.parts("wire", "one.json", one)).singleElement()
			.satisfies((part) -> assertThat(part.intake().draft().headline()).isEqualTo("Pier reopens"));
		assertThatExceptionOfType(UnusableInputException.class)
			.isThrownBy(() -> this.files.parts("wire", "broken.json", broken).get(0).intake().draft())
			.withMessageContaining("not valid JSON");
		assertThatExceptionOfType(UnusableInputException.class)
			.isThrownBy(() -> this.files.parts("wire", "empty.json", empty).get(0).intake().draft())
			.withMessageContaining("empty list");
	}

	@Test
	void aNewsroomCanAddItsOwnBoilerplate() throws IOException {
		ArticleFiles custom = new ArticleFiles(1_000_000,
				new Boilerplate(java.util.List.of("^follow us on .*"), java.util.List.of("^related stories$")));
		ArticleDraft draft = custom.read("inbox", write("custom.txt",
				"Headline\n\nThe story.\n\nFollow us on every network\n\nMore story.\n\nRelated stories\n\nOther things."));

		assertThat(draft.paragraphs()).containsExactly("The story.", "More story.");
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.folder.resolve(name), text);
	}

}
