package io.keyfleet.auth.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;

/**
 * Paging over a sorted set of ids scored by a creation sequence, each id naming a JSON
 * record: the cursor is the sequence of the last item seen, so every item is listed
 * exactly once even while items are being added. The registry and the enrollment groups
 * page this way.
 */
public final class SequencedIndex {

	private SequencedIndex() {
	}

	/**
	 * One page in creation order.
	 * @param afterSequence the sequence of the last item already seen (0 to start)
	 * @param recordKey the key of an id's record (same hash slot as the index on a cluster)
	 */
	public static <T> Page<T> page(StateStore store, String indexKey, long afterSequence, int limit,
			UnaryOperator<String> recordKey, Function<String, T> read) {
		List<ScoredValue<String>> ids = store.await(store.async()
			.zrangebyscoreWithScores(indexKey,
					Range.from(Range.Boundary.excluding((double) afterSequence), Range.Boundary.unbounded()),
					Limit.create(0, limit + 1L)));
		boolean more = ids.size() > limit;
		List<ScoredValue<String>> pageIds = more ? ids.subList(0, limit) : ids;
		List<T> items = new ArrayList<>();
		if (!pageIds.isEmpty()) {
			String[] keys = pageIds.stream().map(v -> recordKey.apply(v.getValue())).toArray(String[]::new);
			store.await(store.async().mget(keys)).forEach(kv -> {
				if (kv.hasValue()) {
					items.add(read.apply(kv.getValue()));
				}
			});
		}
		Long next = more ? (long) pageIds.get(pageIds.size() - 1).getScore() : null;
		return new Page<>(items, next);
	}

	/** A page of items and the cursor of the next page (null at the end). */
	public record Page<T>(List<T> items, Long nextAfterSequence) {
	}

}
