package news.dispatch.archive;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import news.dispatch.topic.Topic;
import news.dispatch.topic.Topics;

import org.springframework.stereotype.Component;

/**
 * The topics on the archive (all but those imported with {@code archive: false}), each
 * with a slug made from its name: lower case, accents dropped, every run of other
 * characters one hyphen ("North Korea" is {@code north-korea}). Two names with one slug
 * ("C++" and "C") keep it for the older topic; the other's slug ends in its id.
 */
@Component
class ArchiveTopics {

	private final Topics topics;

	ArchiveTopics(Topics topics) {
		this.topics = topics;
	}

	List<ArchiveTopic> all() {
		List<Topic> archived = new ArrayList<>(this.topics.archived());
		archived.sort((one, other) -> Long.compare(one.id(), other.id()));
		Set<String> taken = new HashSet<>();
		List<ArchiveTopic> all = new ArrayList<>();
		for (Topic topic : archived) {
			String slug = slug(topic.name());
			if (slug.isEmpty() || !taken.add(slug)) {
				slug = (slug.isEmpty() ? "topic" : slug) + "-" + topic.id();
				taken.add(slug);
			}
			all.add(new ArchiveTopic(topic.id(), topic.name(), slug));
		}
		all.sort((one, other) -> one.name().compareToIgnoreCase(other.name()));
		return all;
	}

	Optional<ArchiveTopic> bySlug(String slug) {
		return all().stream().filter((topic) -> topic.slug().equals(slug)).findFirst();
	}

	static String slug(String name) {
		String folded = Normalizer.normalize(name, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}+", "")
			.toLowerCase(Locale.ROOT);
		return folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
	}

}
