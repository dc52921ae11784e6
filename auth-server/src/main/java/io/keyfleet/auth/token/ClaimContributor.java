package io.keyfleet.auth.token;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * Adds claims of one concern to an access token (the {@code att} claim of attestation,
 * for example). Every {@code ClaimContributor} bean is called by
 * {@link KeyfleetTokenCustomizer}, after the base claims are set.
 */
@FunctionalInterface
public interface ClaimContributor {

	void contribute(JwtEncodingContext context);

}
