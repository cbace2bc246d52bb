package news.dispatch.article;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tells the story's paragraphs from what the page put around them: related-link bullets,
 * picture captions and the comment form. A newsroom adds its own patterns in
 * {@code dispatch.ingest.boilerplate}.
 */
final class Boilerplate {

	private static final List<String> DROP = List.of(
			// related-link lists: " • Inside Kim Jong Un's luxury train"
			"^[•·▪◦●‣]\\s*.*",
			// picture captions: "A map showing ...", "Picture of ...", "Image caption:
			// ..."
			"^(an?\\s+|the\\s+)?(map|picture|photo|photograph|image|graphic|chart|video|illustration)s?\\s+(showing|shows|of)\\b.*",
			"^(image|picture|photo|video)\\s+(caption|source|copyright)\\b.*",
			// comment forms
			"^your email address will not be published\\b.*", "^required fields are marked\\b.*");

	private static final List<String> CUT = List.of("^(leave a reply|leave a comment|post a comment)\\b.*");

	private final List<Pattern> drop;

	private final List<Pattern> cut;

	Boilerplate(List<String> extraDrop, List<String> extraCut) {
		this.drop = compile(DROP, extraDrop);
		this.cut = compile(CUT, extraCut);
	}

	static Boilerplate standard() {
		return new Boilerplate(List.of(), List.of());
	}

	/**
	 * The paragraphs that are the story. A paragraph matching a drop pattern goes; a
	 * paragraph matching a cut pattern ends the story (comment forms come last).
	 */
	List<String> clean(List<String> paragraphs) {
		List<String> story = new ArrayList<>(paragraphs.size());
		for (String paragraph : paragraphs) {
			if (matches(this.cut, paragraph)) {
				break;
			}
			if (!matches(this.drop, paragraph)) {
				story.add(paragraph);
			}
		}
		return story;
	}

	private static boolean matches(List<Pattern> patterns, String paragraph) {
		for (Pattern pattern : patterns) {
			if (pattern.matcher(paragraph).matches()) {
				return true;
			}
		}
		return false;
	}

	private static List<Pattern> compile(List<String> standard, List<String> extra) {
		return Stream.concat(standard.stream(), extra.stream())
			.map((regex) -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL))
			.toList();
	}

}
