package news.dispatch.delivery;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import freemarker.core.Environment;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

/**
 * The template directive {@code <@once key=[...]>...</@once>}: renders its body once for
 * each key and gives the same text for every message after, so a story that thousands of
 * digests of an edition carry is rendered once, not once per reader. The key names what
 * the body's output depends on (the story, its place in the list); it is compared by
 * value together with the template, so a changed story or template renders afresh.
 * <p>
 * At most {@code capacity} fragments are kept, the least recently used dropped first: an
 * edition of a few hundred stories fits, and memory does not grow with the readers.
 */
final class RenderedOnce implements TemplateDirectiveModel {

	private final Map<List<Object>, String> fragments;

	RenderedOnce(int capacity) {
		this.fragments = new LinkedHashMap<>(capacity, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, String> eldest) {
				return size() > capacity;
			}

		};
	}

	@Override
	@SuppressWarnings("rawtypes")
	public void execute(Environment env, Map params, TemplateModel[] loopVars, TemplateDirectiveBody body)
			throws TemplateException, IOException {
		Object key = params.get("key");
		if (!(key instanceof TemplateModel model) || params.size() != 1 || body == null) {
			throw new TemplateModelException(
					"<@once> takes one parameter, key=[what the output depends on], and a body to render");
		}
		List<Object> cacheKey = List.of(env.getMainTemplate(), env.getCurrentTemplate().getName(),
				DeepUnwrap.unwrap(model));
		String fragment;
		synchronized (this.fragments) {
			fragment = this.fragments.get(cacheKey);
		}
		if (fragment == null) {
			StringWriter out = new StringWriter(2048);
			body.render(out);
			fragment = out.toString();
			synchronized (this.fragments) {
				this.fragments.put(cacheKey, fragment);
			}
		}
		env.getOut().write(fragment);
	}

}
