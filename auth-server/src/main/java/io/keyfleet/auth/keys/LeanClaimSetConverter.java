package io.keyfleet.auth.keys;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;

/**
 * Converts a Nimbus claim set for Spring's {@code Jwt}: the RFC 7519 NumericDate claims
 * ({@code exp}, {@code iat}, {@code nbf}) become {@code Instant}s, everything else stays as
 * parsed. Spring's {@code MappedJwtClaimSetConverter} does the same through its general
 * conversion service, at several times the cost, on every token request.
 */
public final class LeanClaimSetConverter implements Converter<Map<String, Object>, Map<String, Object>> {

	@Override
	public Map<String, Object> convert(Map<String, Object> claims) {
		Map<String, Object> converted = new HashMap<>(claims);
		for (String name : new String[] { "exp", "iat", "nbf" }) {
			if (converted.get(name) instanceof Date date) {
				converted.put(name, date.toInstant());
			}
		}
		return converted;
	}

}
