package news.dispatch.archive;

import java.util.List;

import news.dispatch.topic.Passage;

/**
 * One story as the archive pages and feeds show it: nothing about who received it.
 * Public, because FreeMarker reads only public types.
 *
 * @param url the story's own address; empty when it has none or it is not http(s)
 * @param source where it came from, as a reader knows it: the address's host, or the
 * feed's or folder's name
 * @param published the publication time, ISO-8601 in UTC
 * @param time the publication time as readers read it, in the newsroom's zone
 * @param passage the passage that matched the topic, its matched words marked; empty when
 * the page is not a topic's (search results show the lead)
 * @param lead the first paragraph, shortened
 * @param alsoIn other sources that carried the same story
 * @param topics the archive's topics the story matched
 */
public record Story(long id, String headline, String url, String source, String published, String time,
		List<Passage.Part> passage, String lead, List<String> alsoIn, List<ArchiveTopic> topics) {
}
