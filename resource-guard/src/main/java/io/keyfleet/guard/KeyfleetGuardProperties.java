package io.keyfleet.guard;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.state.CacheMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the Keyfleet resource guard ({@code keyfleet.guard.*}).
 *
 * @param issuerUri the auth-server's issuer, equal to the token's {@code iss} (e.g. {@code https://localhost:8443})
 * @param audience this resource server's identifier, in the token's {@code aud} (e.g. {@code https://localhost:8444})
 * @param jwkSetUri the issuer's signing keys; default {@code issuerUri + "/oauth2/jwks"}
 * @param clockSkew tolerance applied when checking {@code exp} and {@code nbf}
 * @param trustAnchor PEM file of the CA certificate(s) to trust when fetching the JWK Set over TLS; default the JVM's trust store
 * @param cache how the local copy of the shared state learns of changes: {@code tracking} (RESP3 client tracking) or {@code pubsub}
 * @param cacheMaxEntries upper bound of the local copy of the shared state (keys, including absent ones)
 * @param redis the shared state store the auth-server writes (docs/guard-state.md)
 * @param dpop DPoP proof checks (RFC 9449)
 * @param events the {@code resource.denied} events the guard appends to the events stream
 */
@Validated
@ConfigurationProperties("keyfleet.guard")
public record KeyfleetGuardProperties(@NotBlank String issuerUri, @NotBlank String audience,
		@Nullable String jwkSetUri, @DefaultValue("30s") @NotNull Duration clockSkew, @Nullable Resource trustAnchor,
		@DefaultValue("tracking") @NotNull CacheMode cache, @DefaultValue("100000") @Positive int cacheMaxEntries,
		@DefaultValue @Valid @NotNull Redis redis, @DefaultValue @Valid @NotNull Dpop dpop,
		@DefaultValue @Valid @NotNull Events events) {

	/** Path of the JWK Set on the Keyfleet auth-server (CONTRACT.md "JWKS"). */
	static final String DEFAULT_JWKS_PATH = "/oauth2/jwks";

	public KeyfleetGuardProperties {
		if (!StringUtils.hasText(jwkSetUri) && StringUtils.hasText(issuerUri)) {
			jwkSetUri = StringUtils.trimTrailingCharacter(issuerUri, '/') + DEFAULT_JWKS_PATH;
		}
	}

	/**
	 * Where the shared state lives ({@code keyfleet.guard.redis.*}).
	 *
	 * @param url Redis URL ({@code redis://}, {@code rediss://} or {@code redis-sentinel://}), the one the auth-server uses
	 * @param keyPrefix prefix of every key, equal to the auth-server's {@code keyfleet.redis.key-prefix}
	 * @param commandTimeout how long a read of the state may take before the request fails closed
	 * @param connectTimeout TCP connect timeout
	 * @param heartbeatInterval how often the invalidation connection is probed, so that a silent loss is noticed
	 */
	public record Redis(@NotBlank String url,
			@DefaultValue("keyfleet:") @NotBlank @Pattern(regexp = "[A-Za-z0-9._:{}-]{1,64}") String keyPrefix,
			@DefaultValue("500ms") @NotNull Duration commandTimeout,
			@DefaultValue("1s") @NotNull Duration connectTimeout,
			@DefaultValue("1s") @NotNull Duration heartbeatInterval) {

	}

	/**
	 * DPoP proof checks at this resource server ({@code keyfleet.guard.dpop.*}).
	 *
	 * @param requireNonce whether proofs must carry a nonce this server issued (RFC 9449 Section 9)
	 * @param proofWindow how far a proof's {@code iat} may be from now, and how long its {@code jti} stays used
	 * @param nonceLifetime how long a server nonce is issued for; it is accepted for twice as long
	 */
	public record Dpop(@DefaultValue("false") boolean requireNonce, @DefaultValue("30s") @NotNull Duration proofWindow,
			@DefaultValue("5m") @NotNull Duration nonceLifetime) {

	}

	/**
	 * The events stream ({@code keyfleet.guard.events.*}): every denied request is a
	 * {@code resource.denied} entry of {@code <key-prefix>events}, the auth-server's stream.
	 *
	 * @param enabled whether denials are appended
	 * @param maxLength the approximate number of entries the stream keeps ({@code MAXLEN ~}), as the auth-server's {@code keyfleet.events.max-length}
	 */
	public record Events(@DefaultValue("true") boolean enabled, @DefaultValue("1000000") @Positive long maxLength) {

	}

}
