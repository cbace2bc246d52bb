package news.dispatch.article;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How articles are taken in.
 *
 * @param folders the folders {@code dispatch ingest} reads when given none; empty means
 * the inbox in the data directory
 * @param maxFileSize a larger file is refused without being read
 * @param chunkSize articles stored per transaction
 * @param boilerplate patterns (regular expressions over a whole paragraph, case ignored)
 * added to the standard ones
 */
@ConfigurationProperties("dispatch.ingest")
public record IngestSettings(@DefaultValue List<Path> folders, @DefaultValue("5MB") DataSize maxFileSize,
		@DefaultValue("100") int chunkSize, @DefaultValue BoilerplatePatterns boilerplate) {

	/**
	 * @param dropLines paragraphs that match are removed
	 * @param cutFrom a paragraph that matches ends the story
	 */
	public record BoilerplatePatterns(@DefaultValue List<String> dropLines, @DefaultValue List<String> cutFrom) {
	}

}
