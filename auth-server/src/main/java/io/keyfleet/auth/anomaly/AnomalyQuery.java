package io.keyfleet.auth.anomaly;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A listing of anomalies ({@code GET /api/v1/anomalies}): optional filters on the client
 * ({@code device}) and kind, {@code since} (inclusive), the page size and the cursor (the
 * order of the last item already seen; {@code null} for the first page).
 */
public record AnomalyQuery(String client, AnomalyKind kind, Instant since, int limit, Long beforeOrder) {

	/** The shape of the ids this server gives anomalies. */
	public static final Pattern ID = Pattern.compile("an_[0-9a-f]{24}");

}
