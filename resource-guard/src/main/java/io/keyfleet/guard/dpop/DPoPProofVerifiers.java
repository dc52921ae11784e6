package io.keyfleet.guard.dpop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtIssuedAtValidator;
import org.springframework.util.Assert;

/**
 * Builds the DPoP proof verifier the guard plugs into Spring Security's
 * {@code DPoPAuthenticationProvider} ({@code setDPoPProofVerifierFactory}): Spring's
 * {@link DPoPProofJwtDecoderFactory} — {@code typ: dpop+jwt}, signature with the embedded
 * public {@code jwk}, {@code htm}, {@code htu}, {@code iat} window, {@code cnf.jkt},
 * {@code ath}, single-use {@code jti} — with three changes, checked in this order and
 * stopping at the first failure:
 *
 * <ol>
 * <li>the proof's key against {@code cnf.jkt} first ({@link DPoPKeyBindingValidator}), so a
 * foreign key is {@code invalid_token};</li>
 * <li>the server nonce, when required ({@link DPoPNonceValidator});</li>
 * <li>the {@code iat} window is the configured one, and used {@code jti}s go to Redis
 * ({@link RedisDPoPProofCache}) so that they are single-use across all guard nodes. The
 * replay check comes last, so a proof refused for any other reason does not burn its
 * {@code jti}.</li>
 * </ol>
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9449#section-4.3">RFC 9449
 * Section 4.3 Checking DPoP Proofs</a>
 */
public final class DPoPProofVerifiers {

	private DPoPProofVerifiers() {
	}

	/**
	 * @param usedProofs where used proof {@code jti}s are recorded
	 * @param window how far a proof's {@code iat} may be from now
	 * @param nonces server nonces to require, or {@code null} for none
	 * @return the factory for {@code DPoPAuthenticationProvider}
	 */
	public static JwtDecoderFactory<DPoPProofContext> create(Cache usedProofs, Duration window,
			@Nullable DPoPNonces nonces) {
		Assert.notNull(usedProofs, "usedProofs cannot be null");
		Assert.notNull(window, "window cannot be null");
		JwtIssuedAtValidator issuedAt = new JwtIssuedAtValidator(true);
		issuedAt.setClockSkew(window);
		DPoPProofReplayValidator replay = new DPoPProofReplayValidator(usedProofs);
		replay.setClockSkew(window);
		List<OAuth2TokenValidator<Jwt>> custom = new ArrayList<>();
		if (nonces != null) {
			custom.add(new DPoPNonceValidator(nonces));
		}
		custom.add(issuedAt);
		custom.add(replay);
		Function<DPoPProofContext, OAuth2TokenValidator<Jwt>> springChecks = DPoPProofJwtDecoderFactory
			.createDefaultJwtValidatorFactory(custom);
		DPoPProofJwtDecoderFactory factory = new DPoPProofJwtDecoderFactory();
		factory.setJwtValidatorFactory((context) -> {
			List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
			if (context.getAccessToken() != null) {
				validators.add(new DPoPKeyBindingValidator(context.getAccessToken()));
			}
			validators.add(springChecks.apply(context));
			DelegatingOAuth2TokenValidator<Jwt> all = new DelegatingOAuth2TokenValidator<>(validators);
			all.setFailOnError(true);
			return all;
		});
		return factory;
	}

}
