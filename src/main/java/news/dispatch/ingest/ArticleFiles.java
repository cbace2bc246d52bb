package news.dispatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Reads an article file. A {@code .txt} file (and any other name) is UTF-8 text, the
 * headline on the first non-empty line, then the body in paragraphs: separated by blank
 * lines, or wire copy's hard-wrapped lines with indented paragraphs (see
 * {@link WireCopy}); {@code .md} is the same in Markdown; {@code .html} is a saved news
 * page; {@code .json} is one object with headline, body, url, published and author
 * fields, or a list of such objects. Whatever the format, a dateline opening the lead
 * ("TOKYO, March 3 -") becomes the story's place. Refuses, with a reason a person can act
 * on, what is not such a file.
 */
class ArticleFiles {

	private final long maxBytes;

	private final Boilerplate boilerplate;

	private final PageExtractor pages;

	ArticleFiles(long maxBytes, Boilerplate boilerplate) {
		this.maxBytes = maxBytes;
		this.boilerplate = boilerplate;
		this.pages = new PageExtractor(boilerplate);
	}

	/**
	 * One article of a file, read when asked.
	 *
	 * @param item what the report calls it: the file's name, or for an element of a JSON
	 * list the name, {@code #} and its place (from 1)
	 * @param place empty, or {@code #} and the element's place
	 */
	record Part(String item, String place, Incoming.Intake intake) {
	}

	/**
	 * The articles a file holds: the file itself, or each element of a {@code .json} file
	 * that holds a list of articles. Only such a list is read here; every other file is
	 * read when its part is.
	 */
	List<Part> parts(String source, String item, Path file) {
		Part whole = new Part(item, "", () -> read(source, item, file));
		if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") || !opensAList(file)) {
			return List.of(whole);
		}
		String text;
		try {
			text = decode(source, item, bytes(source, item, file));
		}
		catch (UnusableInputException ex) {
			return List.of(whole);
		}
		List<JsonNode> list = JsonArticles.list(text);
		if (list == null) {
			return List.of(whole);
		}
		if (list.isEmpty()) {
			return List.of(new Part(item, "", () -> {
				throw new UnusableInputException(source, item, "the file holds an empty list of articles");
			}));
		}
		List<Part> parts = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			JsonNode element = list.get(i);
			String place = "#" + (i + 1);
			parts.add(new Part(item + place, place,
					() -> JsonArticles.read(element, source, item + place, this.boilerplate).located()));
		}
		return parts;
	}

	/**
	 * Whether the file's first character, after a byte order mark and white space, opens
	 * a JSON list; only the start of the file is read.
	 */
	private static boolean opensAList(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			String start = new String(in.readNBytes(1024), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
			return start.startsWith("[");
		}
		catch (IOException ex) {
			return false;
		}
	}

	ArticleDraft read(String source, Path file) {
		return read(source, file.getFileName().toString(), file);
	}

	/**
	 * Reads the file as the article {@code item} of {@code source}.
	 */
	ArticleDraft read(String source, String item, Path file) {
		return unlocated(source, item, file).located();
	}

	private ArticleDraft unlocated(String source, String item, Path file) {
		byte[] bytes = bytes(source, item, file);
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".html") || name.endsWith(".htm")) {
			if (TextDecoding.isBinary(bytes)) {
				throw binary(source, item);
			}
			return this.pages.extract(TextDecoding.decode(bytes, null).text(), file.toUri().toString(), source, item);
		}
		String text = decode(source, item, bytes);
		if (name.endsWith(".json")) {
			return JsonArticles.read(text, source, item, this.boilerplate);
		}
		return text(source, item, name.endsWith(".md") || name.endsWith(".markdown") ? Markdown.plain(text) : text);
	}

	private ArticleDraft text(String source, String item, String text) {
		WireCopy.Story story = WireCopy.headed(text);
		if (story == null) {
			throw new UnusableInputException(source, item,
					"the file has no text; write the headline on the first line");
		}
		List<String> body = this.boilerplate.clean(story.paragraphs());
		if (body.isEmpty()) {
			throw new UnusableInputException(source, item,
					"the file has a headline but no story; put the body after the headline, separated by a blank line");
		}
		return new ArticleDraft(story.headline(), body, null, source, item, null, story.byline(), null);
	}

	private byte[] bytes(String source, String item, Path file) {
		try {
			long size = Files.size(file);
			if (size > this.maxBytes) {
				throw new UnusableInputException(source, item,
						"the file has " + size + " bytes, more than the limit of " + this.maxBytes
								+ "; raise dispatch.ingest.max-file-size if it really is one article");
			}
			try (InputStream in = Files.newInputStream(file)) {
				return in.readNBytes((int) this.maxBytes + 1);
			}
		}
		catch (AccessDeniedException ex) {
			throw new UnusableInputException(source, item,
					"the file cannot be read (permission denied); check its owner and mode");
		}
		catch (IOException ex) {
			throw new UnusableInputException(source, item, "the file cannot be read (" + ex.getMessage() + ")");
		}
	}

	private static String decode(String source, String item, byte[] bytes) {
		for (byte b : bytes) {
			if (b == 0) {
				throw binary(source, item);
			}
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new UnusableInputException(source, item,
					"the file is not valid UTF-8; save it as UTF-8 and ingest it again");
		}
	}

	private static UnusableInputException binary(String source, String item) {
		return new UnusableInputException(source, item,
				"the file is binary, not text; only UTF-8 text files are articles");
	}

}
