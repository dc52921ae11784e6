package io.keyfleet.auth.token;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 8707 {@code resource} parameters of a token request, as Spring's converters
 * leave them in the additional parameters (one value as a String, several as String[]).
 */
final class RequestedResources {

	static final String PARAMETER = "resource";

	private RequestedResources() {
	}

	static List<String> from(Map<String, Object> additionalParameters) {
		Object value = additionalParameters.get(PARAMETER);
		Set<String> resources = new LinkedHashSet<>();
		if (value instanceof String single) {
			resources.add(single);
		}
		else if (value instanceof String[] several) {
			resources.addAll(List.of(several));
		}
		return List.copyOf(resources);
	}

}
