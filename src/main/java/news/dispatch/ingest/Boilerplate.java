package news.dispatch.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tells the story's paragraphs from what the page put around them: related-link bullets,
 * picture captions and the comment form. A newsroom adds its own patterns in
 * {@code dispatch.ingest.boilerplate}.
 */
final class Boilerplate {

	private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}\\p{Pi}\\p{Pf}‘’“”]");

	private static final List<String> DROP = List.of(
			// related-link lists: " • Inside Kim Jong Un's luxury train"
			"^[•·▪◦●‣]\\s*.*",
			// picture captions: "A map showing ...", "Picture of ...", "Image caption:
			// ..."
			"^(an?\\s+|the\\s+)?(map|picture|photo|photograph|image|graphic|chart|video|illustration)s?\\s+(showing|shows|of)\\b.*",
			"^(image|picture|photo|video)\\s+(caption|source|copyright)\\b.*",
			// WordPress's feed footer: "The post X appeared first on Y."
			"^the post .+ appeared first on .+$",
			// the heading left behind by a removed list of related stories or share
			// buttons
			"^(related( posts| articles| stories| content)?|read more|more on this story|you (may|might) also like"
					+ "|share this( story| article)?|share)\\W*$",
			// a paywall's teaser
			"^(subscribe|sign up|log in|register)( now| today| here)?\\W*$",
			"^(subscribe|sign up|register|log in) (now )?to (keep|continue) reading\\b.*",
			"^(already a subscriber|this (article|story) is (only )?(for|available to) subscribers)\\b.*",
			// an excerpt's link to the rest, an advertisement's label
			"^(continue reading|read more|read the full (story|article|post))\\b.{0,120}$",
			"^(advertisement|sponsored|ad)$",
			// a blog's post footer: "Posted by Anne at 10:04"
			"^posted by .{1,80} at \\d{1,2}[:.]\\d{2}( ?[ap]\\.?m\\.?)?$",
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

	/**
	 * The paragraphs without a first one that only repeats the headline, as a blog's
	 * content or a page's heading often does.
	 */
	static List<String> withoutHeadline(String headline, List<String> paragraphs) {
		if (!paragraphs.isEmpty() && comparable(paragraphs.get(0)).equals(comparable(headline))) {
			return paragraphs.subList(1, paragraphs.size());
		}
		return paragraphs;
	}

	private static String comparable(String text) {
		return PUNCTUATION.matcher(text).replaceAll("").strip().toLowerCase(Locale.ROOT);
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
