package news.dispatch.delivery;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.InvalidReferenceException;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import news.dispatch.system.DispatchSettings;

import org.springframework.stereotype.Component;

/**
 * Renders the mail templates with FreeMarker. Templates are read from
 * {@code dispatch.templates-dir} on disk, so an editor can change them without a rebuild;
 * the copy inside the jar serves for any template that folder lacks. {@code .ftlh}
 * templates escape HTML; {@code .ftl} templates are plain text. Templates may wrap what
 * many messages share in {@code <@once key=[...]>} (see {@link RenderedOnce}).
 */
@Component
public class MailTemplates {

	/**
	 * Fragments kept by {@code <@once>}: a digest edition has a few hundred stories, each
	 * in two places (last in its section or not), and a fragment is a kilobyte or two.
	 */
	static final int FRAGMENTS = 4096;

	private final Configuration freemarker;

	private final Path directory;

	MailTemplates(DispatchSettings settings) throws IOException {
		this.directory = settings.templatesDir().toAbsolutePath().normalize();
		this.freemarker = new Configuration(Configuration.VERSION_2_3_34);
		this.freemarker.setDefaultEncoding("UTF-8");
		this.freemarker.setOutputEncoding("UTF-8");
		this.freemarker.setRecognizeStandardFileExtensions(true);
		this.freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		this.freemarker.setLogTemplateExceptions(false);
		this.freemarker.setWrapUncheckedExceptions(true);
		this.freemarker.setFallbackOnNullLoopVariable(false);
		List<TemplateLoader> loaders = new ArrayList<>();
		if (Files.isDirectory(this.directory)) {
			loaders.add(new FileTemplateLoader(this.directory.toFile()));
		}
		loaders.add(new ClassTemplateLoader(MailTemplates.class, "/templates"));
		this.freemarker.setSharedVariable("once", new RenderedOnce(FRAGMENTS));
		this.freemarker.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
	}

	/**
	 * Renders the named template with the model.
	 * @throws MessageCompositionException naming the template, the line and the fix when
	 * the template is missing or has an error
	 */
	public String render(String name, Object model) {
		try {
			StringWriter out = new StringWriter();
			this.freemarker.getTemplate(name).process(model, out);
			return out.toString();
		}
		catch (TemplateException ex) {
			throw new MessageCompositionException(
					"The template " + name + " failed at line " + ex.getLineNumber() + ": " + reason(ex)
							+ "; fix it in " + this.directory + " and restart the run (dispatch jobs restart ID).",
					ex);
		}
		catch (IOException ex) {
			throw new MessageCompositionException(
					"The template " + name + " cannot be read (" + firstLine(ex.getMessage()) + "); check "
							+ this.directory + " and restart the run (dispatch jobs restart ID).",
					ex);
		}
	}

	/**
	 * What went wrong, in one line: FreeMarker names the expression at fault on the line
	 * after "The following has evaluated to null or missing:".
	 */
	private static String reason(TemplateException ex) {
		if (ex instanceof InvalidReferenceException && ex.getBlamedExpressionString() != null) {
			return ex.getBlamedExpressionString() + " is null or missing";
		}
		return firstLine(ex.getMessageWithoutStackTop());
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "unknown error";
		}
		int end = text.indexOf('\n');
		return (end < 0) ? text.strip() : text.substring(0, end).strip();
	}

}
