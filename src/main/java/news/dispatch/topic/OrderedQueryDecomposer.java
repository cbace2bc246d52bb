package news.dispatch.topic;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.monitor.QueryDecomposer;
import org.apache.lucene.search.Query;

/**
 * Splits a query into its alternatives as Lucene's {@link QueryDecomposer} does, but
 * always in the same order, whichever process does it.
 * <p>
 * The monitor names each alternative by its query id and its place in that order
 * ({@code id_0}, {@code id_1}, …), indexes each under that name, and when a kept index is
 * opened again, splits the stored query anew and looks the names up. Lucene's own order
 * is that of a hash set, and a query's hash code includes its class's, which differs from
 * one JVM to the next: read by another process, {@code id_0} could name the alternative
 * indexed as {@code id_1}, so the presearcher picked the right entry and the monitor ran
 * the wrong alternative against the story, which then matched nothing. Sorted by their
 * text, the alternatives get the same names in every process.
 */
final class OrderedQueryDecomposer extends QueryDecomposer {

	@Override
	public Set<Query> decompose(Query query) {
		Set<Query> parts = super.decompose(query);
		if (parts.size() < 2) {
			return parts;
		}
		List<Query> sorted = parts.stream().sorted(Comparator.comparing(Query::toString)).toList();
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).toString().equals(sorted.get(i - 1).toString())) {
				// two alternatives that print alike have no order every process agrees
				// on: keep the query whole
				return Set.of(query);
			}
		}
		return new LinkedHashSet<>(sorted);
	}

}
