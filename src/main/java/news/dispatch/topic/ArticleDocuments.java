package news.dispatch.topic;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;

/**
 * Turns a {@link MatchableArticle} into the Lucene document the monitor matches.
 * <p>
 * The fields index offsets on purpose: a multi-document batch is matched against a real
 * (in-memory) index, where plain {@link TextField}s carry no offsets and
 * {@link org.apache.lucene.monitor.HighlightsMatch} would report every offset as -1.
 * <p>
 * An article's {@link ArticleText#placeValues() place}, with the forms of the country its
 * dateline is in, comes first among the values of the body field, so that unrestricted
 * terms find it without a field of its own (which every query would have to name);
 * {@link ArticleHits} tells its hits from the body's by their offsets.
 */
final class ArticleDocuments {

	private static final FieldType TEXT_WITH_OFFSETS = new FieldType(TextField.TYPE_NOT_STORED);

	static {
		TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		TEXT_WITH_OFFSETS.freeze();
	}

	private ArticleDocuments() {
	}

	static Document of(ArticleText article) {
		Document document = new Document();
		document.add(new Field(QueryLanguage.HEADLINE, article.headline(), TEXT_WITH_OFFSETS));
		for (String value : article.placeValues()) {
			document.add(new Field(QueryLanguage.BODY, value, TEXT_WITH_OFFSETS));
		}
		document.add(new Field(QueryLanguage.BODY, article.body(), TEXT_WITH_OFFSETS));
		return document;
	}

}
