package news.dispatch.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import news.dispatch.system.DispatchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code <@once key=[...]>} in the mail templates: a fragment is rendered once per key
 * and given again as it was, escaped as the template escapes it.
 */
class RenderedOnceTests {

	@TempDir
	Path templates;

	@Test
	void aFragmentIsRenderedOnceForEachKeyAndGivenAgainAfter() throws Exception {
		// given: a template whose fragment counts how often it is rendered
		Files.writeString(this.templates.resolve("story.html.ftlh"),
				"<@once key=[story, first]><p>${story} ${renders.next()?c}</p></@once>|${reader}");
		MailTemplates mail = templates();
		Renders renders = new Renders();

		// when: three readers get the same story, a fourth another one
		String ana = mail.render("story.html.ftlh", model("Kim & <Putin>", true, "Ana", renders));
		String bo = mail.render("story.html.ftlh", model("Kim & <Putin>", true, "Bo", renders));
		String cy = mail.render("story.html.ftlh", model("Kim & <Putin>", false, "Cy", renders));
		String di = mail.render("story.html.ftlh", model("Floods", true, "Di", renders));

		// then: the story is rendered once for each key, escaped, and each reader's part
		// is
		// their own
		assertThat(ana).isEqualTo("<p>Kim &amp; &lt;Putin&gt; 1</p>|Ana");
		assertThat(bo).isEqualTo("<p>Kim &amp; &lt;Putin&gt; 1</p>|Bo");
		assertThat(cy).isEqualTo("<p>Kim &amp; &lt;Putin&gt; 2</p>|Cy");
		assertThat(di).isEqualTo("<p>Floods 3</p>|Di");
	}

	@Test
	void theOldestFragmentsGoOnceTheCacheIsFull() throws Exception {
		// given: more stories than the cache keeps
		Files.writeString(this.templates.resolve("story.txt.ftl"), "<@once key=[story]>${renders.next()?c}</@once>");
		MailTemplates mail = templates();
		Renders renders = new Renders();
		mail.render("story.txt.ftl", Map.of("story", "first", "renders", renders));
		for (int i = 0; i < MailTemplates.FRAGMENTS; i++) {
			mail.render("story.txt.ftl", Map.of("story", "story " + i, "renders", renders));
		}

		// when: the first story comes again
		String again = mail.render("story.txt.ftl", Map.of("story", "first", "renders", renders));

		// then: it is rendered afresh
		assertThat(again).isEqualTo(Integer.toString(MailTemplates.FRAGMENTS + 2));
	}

	@Test
	void aFragmentWithoutKeyIsRefusedWithAMessageThatSaysHowToWriteIt() throws Exception {
		Files.writeString(this.templates.resolve("bad.txt.ftl"), "<@once>text</@once>");

		assertThatThrownBy(() -> templates().render("bad.txt.ftl", Map.of()))
			.isInstanceOf(MessageCompositionException.class)
			.hasMessageContaining("bad.txt.ftl")
			.hasMessageContaining("key=[what the output depends on]");
	}

	private MailTemplates templates() throws Exception {
		return new MailTemplates(new DispatchSettings(this.templates, ZoneOffset.UTC, this.templates,
				new DispatchSettings.Site("Dispatch", "https://dispatch.example.com")));
	}

	private static Map<String, Object> model(String story, boolean first, String reader, Renders renders) {
		return Map.of("story", story, "first", first, "reader", reader, "renders", renders);
	}

	/**
	 * Counts renders: FreeMarker calls {@code next()} each time the fragment is rendered.
	 */
	public static final class Renders {

		private final AtomicInteger count = new AtomicInteger();

		public int next() {
			return this.count.incrementAndGet();
		}

	}

}
