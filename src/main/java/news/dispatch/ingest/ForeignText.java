package news.dispatch.ingest;

import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * The text an entry carries in the extensions Rome does not read itself: Media RSS
 * ({@code media:description}, alone or in a {@code media:group}, as YouTube's feeds give
 * it) and iTunes ({@code itunes:summary}, {@code itunes:subtitle}) for podcasts.
 */
final class ForeignText {

	private static final Namespace MEDIA = Namespace.getNamespace("http://search.yahoo.com/mrss/");

	private static final Namespace ITUNES = Namespace.getNamespace("http://www.itunes.com/dtds/podcast-1.0.dtd");

	private ForeignText() {
	}

	/**
	 * The longest such text, or an empty string.
	 */
	static String of(SyndEntry entry) {
		String longest = "";
		for (Element element : entry.getForeignMarkup()) {
			longest = longer(longest, text(element));
			if (element.getNamespace().equals(MEDIA) && element.getName().equals("group")) {
				for (Element child : element.getChildren()) {
					longest = longer(longest, text(child));
				}
			}
		}
		return longest;
	}

	private static String text(Element element) {
		boolean media = element.getNamespace().equals(MEDIA) && element.getName().equals("description");
		boolean itunes = element.getNamespace().equals(ITUNES)
				&& List.of("summary", "subtitle").contains(element.getName());
		return (media || itunes) ? element.getText() : "";
	}

	private static String longer(String a, String b) {
		return (b.strip().length() > a.strip().length()) ? b : a;
	}

}
