package news.dispatch.topic;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import news.dispatch.system.ImportReport;
import news.dispatch.system.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports topics from YAML: {@code topics: [{name: "North Korea", query: '"north korea"
 * OR pyongyang', in: lead, min-hits: 2, archive: false}, …]} ({@code in} and
 * {@code min-hits} are optional, see {@link Relevance}; absent, they take
 * {@link MatchingSettings}' defaults; {@code archive: false} keeps the topic off the
 * public archive and its feeds, which show every other topic). A topic whose query does
 * not parse, or whose options are not valid, is refused with its line and the reason; the
 * others are kept. A topic of the same name is updated.
 */
@Service
public class TopicImport {

	private final Topics topics;

	private final MatchingSettings settings;

	TopicImport(Topics topics, MatchingSettings settings) {
		this.topics = topics;
		this.settings = settings;
	}

	@Transactional
	public ImportReport importFile(Path file) {
		ImportReport report = new ImportReport();
		Set<String> names = new HashSet<>();
		for (Node entry : entries(file)) {
			int line = entry.getStartMark().getLine() + 1;
			if (!(entry instanceof MappingNode mapping)) {
				report.refused(line,
						"a topic needs a name and a query, like {name: Russia, query: 'russia OR kremlin'}");
				continue;
			}
			String name = scalar(mapping, "name");
			String query = scalar(mapping, "query");
			if (name == null || name.isBlank()) {
				report.refused(line, "the topic has no name; give it one with name:");
			}
			else if (query == null || query.isBlank()) {
				report.refused(line, "the topic \"" + name + "\" has no query; give it one with query:");
			}
			else if (!names.add(name.strip().toLowerCase(Locale.ROOT))) {
				report.refused(line, "the topic \"" + name + "\" appears twice in the file; keep one");
			}
			else {
				try {
					QueryLanguage.parse(query);
					Relevance relevance = Relevance.parse(scalar(mapping, "in"), scalar(mapping, "min-hits"),
							this.settings.defaultRelevance());
					boolean archive = archive(scalar(mapping, "archive"));
					boolean isNew = this.topics.findByName(name).isEmpty();
					if (this.topics.save(name, query.strip(), relevance, archive)) {
						if (isNew) {
							report.added();
						}
						else {
							report.changed();
						}
					}
					else {
						report.unchanged();
					}
				}
				catch (InvalidQueryException ex) {
					report.refused(line, "the query of \"" + name + "\" is invalid at " + ex.getMessage());
				}
				catch (IllegalArgumentException ex) {
					report.refused(line, "the topic \"" + name + "\" has a bad option: " + ex.getMessage());
				}
			}
		}
		return report;
	}

	private static boolean archive(String value) {
		if (value == null || value.equalsIgnoreCase("true")) {
			return true;
		}
		if (value.equalsIgnoreCase("false")) {
			return false;
		}
		throw new IllegalArgumentException(
				"archive: " + value + " is neither true nor false; write archive: false to keep it off the archive");
	}

	private static java.util.List<Node> entries(Path file) {
		Node root;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			root = new Yaml(new LoaderOptions()).compose(reader);
		}
		catch (MarkedYAMLException ex) {
			throw new InvalidInputException(file + " is not valid YAML at line " + (ex.getProblemMark().getLine() + 1)
					+ ": " + ex.getProblem() + "; fix the file and import it again.");
		}
		catch (IOException ex) {
			throw new InvalidInputException(
					"Cannot read the topics file " + file + " (" + ex.getMessage() + "); check the path.");
		}
		if (root instanceof MappingNode mapping) {
			for (NodeTuple tuple : mapping.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("topics")
						&& tuple.getValueNode() instanceof SequenceNode list) {
					return list.getValue();
				}
			}
		}
		throw new InvalidInputException(file + " has no list of topics; it should start with \"topics:\" followed by"
				+ " entries like - {name: Russia, query: 'russia OR kremlin'}.");
	}

	private static String scalar(MappingNode mapping, String key) {
		for (NodeTuple tuple : mapping.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
					&& tuple.getValueNode() instanceof ScalarNode value) {
				return value.getValue();
			}
		}
		return null;
	}

}
