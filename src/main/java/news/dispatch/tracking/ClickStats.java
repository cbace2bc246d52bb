package news.dispatch.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.topic.Topics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Clicks read back: an edition's clicks by readers per story and per topic, link
 * scanners' apart, and the totals of several editions. The figures of
 * {@code dispatch stats edition} and of the editors' clicks page.
 */
@Repository
public class ClickStats {

	private final JdbcClient jdbc;

	private final Articles articles;

	private final Topics topics;

	ClickStats(JdbcClient jdbc, Articles articles, Topics topics) {
		this.jdbc = jdbc;
		this.articles = articles;
		this.topics = topics;
	}

	/**
	 * An edition's clicks.
	 *
	 * @param readers clicks by readers
	 * @param scanners clicks taken for link scanners, by reason ({@code head},
	 * {@code agent}, {@code too-soon})
	 * @param stories readers' clicks per story (headline), most first
	 * @param topics readers' clicks per topic, most first ({@code keywords} for
	 * subscribers' own)
	 */
	public record Stats(LedgerKey key, long readers, Map<String, Long> scanners, Map<String, Long> stories,
			Map<String, Long> topics) {

		/**
		 * Clicks taken for link scanners, whatever the reason.
		 */
		public long scannersTotal() {
			return this.scanners.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	public Stats stats(LedgerKey key) {
		Map<String, Long> scanners = new LinkedHashMap<>();
		this.jdbc
			.sql("select bot, count(*) from link_click where kind = ? and edition_key = ? and bot is not null"
					+ " group by bot order by bot")
			.params(key.kind().column(), key.key())
			.query((rs, row) -> scanners.put(rs.getString(1), rs.getLong(2)))
			.list();
		Map<String, Long> stories = new LinkedHashMap<>();
		this.jdbc
			.sql("select article_id, count(*) c from link_click where kind = ? and edition_key = ? and bot is null"
					+ " group by article_id order by c desc, article_id")
			.params(key.kind().column(), key.key())
			// merged: two stories with one headline are one line, and the lines add up
			.query((rs, row) -> stories.merge(
					this.articles.find(rs.getLong(1)).map(Article::headline).orElse("#" + rs.getLong(1)), rs.getLong(2),
					Long::sum))
			.list();
		Map<Long, String> names = new LinkedHashMap<>();
		this.topics.findAll().forEach((topic) -> names.put(topic.id(), topic.name()));
		Map<String, Long> topics = new LinkedHashMap<>();
		this.jdbc
			.sql("select topic_id, count(*) c from link_click where kind = ? and edition_key = ? and bot is null"
					+ " group by topic_id order by c desc")
			.params(key.kind().column(), key.key())
			.query((rs, row) -> {
				long id = rs.getLong(1);
				String name = rs.wasNull() ? "keywords" : names.getOrDefault(id, "#" + id);
				return topics.merge(name, rs.getLong(2), Long::sum);
			})
			.list();
		long readers = stories.values().stream().mapToLong(Long::longValue).sum();
		return new Stats(key, readers, scanners, stories, topics);
	}

	/**
	 * An edition's clicks in total.
	 *
	 * @param readers clicks by readers
	 * @param scanners clicks taken for link scanners
	 */
	public record Totals(long readers, long scanners) {
	}

	/**
	 * The totals of each of these editions, in the order given; an edition nobody clicked
	 * has zeros.
	 */
	public Map<LedgerKey, Totals> totals(List<LedgerKey> keys) {
		Map<LedgerKey, Totals> totals = new LinkedHashMap<>();
		for (LedgerKey key : keys) {
			totals.put(key,
					this.jdbc.sql("select count(*), count(bot) from link_click where kind = ? and edition_key = ?")
						.params(key.kind().column(), key.key())
						.query((rs, row) -> new Totals(rs.getLong(1) - rs.getLong(2), rs.getLong(2)))
						.single());
		}
		return totals;
	}

}
