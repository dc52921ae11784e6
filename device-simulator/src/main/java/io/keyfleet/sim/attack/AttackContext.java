package io.keyfleet.sim.attack;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.fleet.DeviceTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link AttackScenario} works with: the server (its metadata), the admin API to
 * register the devices it needs (ids {@code <prefix><name>}), and the means to send token,
 * introspection and revocation requests with whatever form and assertion the attacker
 * chooses, observed without interpretation ({@link Observed}).
 */
public final class AttackContext {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** The scopes of attack devices: deliberately few. */
	static final List<String> SCOPES = List.of("telemetry:write");

	private final AuthorizationServerMetadata metadata;

	private final FormPoster poster;

	private final AdminClient admin;

	private final ClientCredentials adminCredentials;

	private final String idPrefix;

	private final Clock clock;

	public AttackContext(AuthorizationServerMetadata metadata, HttpTransport http, AdminClient admin,
			ClientCredentials adminCredentials, String idPrefix, Clock clock) {
		this.metadata = metadata;
		this.poster = new FormPoster(http);
		this.admin = admin;
		this.adminCredentials = adminCredentials;
		this.idPrefix = idPrefix;
		this.clock = clock;
	}

	public URI issuer() {
		return URI.create(this.metadata.getIssuer().getValue());
	}

	public URI tokenEndpoint() {
		return this.metadata.getTokenEndpointURI();
	}

	public AdminClient admin() {
		return this.admin;
	}

	/**
	 * Registers a device for the attack, allowed {@link #SCOPES} and resource-sample.
	 * @param name unique within the run, e.g. "replay-victim"
	 * @param method {@code private_key_jwt} or {@code client_secret_basic}
	 * @return the device with its credential
	 */
	public AttackDevice register(String name, ClientAuthMethod method) {
		String id = this.idPrefix + name;
		KeyPair keyPair = (method == ClientAuthMethod.PRIVATE_KEY_JWT) ? EcKeys.generate() : null;
		JsonNode stored = this.admin.registerDevice(new DeviceTemplate(method, DeviceTemplate.DEFAULT_MODEL, SCOPES,
				DeviceTemplate.DEFAULT_RESOURCES).registration(id, keyPair));
		String secret = stored.path("client_secret").asString(null);
		if (method.usesSecret() && secret == null) {
			throw new SimException("the admin API returned no client_secret for " + id);
		}
		return new AttackDevice(id, keyPair, (keyPair != null) ? DeviceTemplate.publicJwk(keyPair) : null, secret);
	}

	/**
	 * @param clientId the client the assertion claims to be
	 * @return valid assertion claims (RFC 7523 Section 3): iss = sub = clientId, aud = the
	 * token endpoint, exp in 60 s, a fresh jti
	 */
	public JWTClaimsSet.Builder claims(String clientId) {
		Instant now = this.clock.instant();
		return new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(tokenEndpoint().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofSeconds(60))))
			.jwtID(UUID.randomUUID().toString());
	}

	/**
	 * @param claims the claims
	 * @param key the signing key
	 * @param keyId the {@code kid} header, or {@code null}
	 * @return the compact ES256 JWS
	 */
	public String signEs256(JWTClaimsSet claims, ECPrivateKey key, String keyId) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(), claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign an assertion: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param device a {@code private_key_jwt} device
	 * @return a valid assertion of that device
	 */
	public String validAssertion(AttackDevice device) {
		return signEs256(claims(device.id()).build(), device.privateKey(), device.keyId());
	}

	/**
	 * @param name unique within the run
	 * @return the id (or model name) an attack's own device gets: {@code <prefix><name>}
	 */
	public String deviceId(String name) {
		return this.idPrefix + name;
	}

	/**
	 * {@code POST} to the metadata's {@code challenge_endpoint} (CONTRACT "Challenge").
	 * @return the answer, with {@code attestation_challenge} on success
	 */
	public Observed challenge() {
		return this.poster.post(this.metadata.getCustomURIParameter("challenge_endpoint"), Map.of(), null);
	}

	/**
	 * Sends a client credentials token request authenticated by a client assertion.
	 * @param assertion the assertion, whatever it is
	 * @param extra more form parameters (scope, resource), possibly empty
	 * @return the answer
	 */
	public Observed tokenWithAssertion(String assertion, Map<String, List<String>> extra) {
		Map<String, List<String>> form = new java.util.LinkedHashMap<>();
		form.put("grant_type", List.of("client_credentials"));
		form.put("client_assertion_type", List.of(JWT_BEARER));
		form.put("client_assertion", List.of(assertion));
		form.putAll(extra);
		return this.poster.post(tokenEndpoint(), form, null);
	}

	/**
	 * Sends a client credentials token request with HTTP Basic (RFC 6749 Section 2.3.1).
	 * @param clientId the client id
	 * @param secret the secret, right or wrong
	 * @return the answer
	 */
	public Observed tokenWithBasic(String clientId, String secret) {
		return this.poster.post(tokenEndpoint(), Map.of("grant_type", List.of("client_credentials")),
				FormPoster.basic(clientId, secret));
	}

	/**
	 * RFC 7662 Section 2.1, authenticated with HTTP Basic.
	 * @param token the token to introspect
	 * @param clientId the asking client
	 * @param secret its secret
	 * @return the answer
	 */
	public Observed introspect(String token, String clientId, String secret) {
		return this.poster.post(this.metadata.getIntrospectionEndpointURI(), Map.of("token", List.of(token)),
				FormPoster.basic(clientId, secret));
	}

	/**
	 * @param token the token to introspect, as the admin client (which may introspect any token)
	 * @return the answer
	 */
	public Observed introspectAsAdmin(String token) {
		return introspect(token, this.adminCredentials.clientId().getValue(), this.adminCredentials.secret().getValue());
	}

	/**
	 * RFC 7009 Section 2.1, authenticated with HTTP Basic.
	 * @param token the token to revoke
	 * @param clientId the asking client
	 * @param secret its secret
	 * @return the answer
	 */
	public Observed revoke(String token, String clientId, String secret) {
		return this.poster.post(this.metadata.getRevocationEndpointURI(), Map.of("token", List.of(token)),
				FormPoster.basic(clientId, secret));
	}

}
