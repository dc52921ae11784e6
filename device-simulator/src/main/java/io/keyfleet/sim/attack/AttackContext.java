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
import io.keyfleet.sim.anomaly.Endpoints;
import io.keyfleet.sim.attest.ChallengeClient;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.EstClient;
import io.keyfleet.sim.fleet.DeviceTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an {@link AttackScenario} works with: the server (its metadata), the admin API to
 * register the devices it needs (ids {@code <prefix><name>}), and the means to send token,
 * introspection and revocation requests with whatever form and assertion the attacker
 * chooses, observed without interpretation ({@link Observed}).
 */
public final class AttackContext {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** RFC 9440 Section 2.2: the client certificate as a TLS-terminating proxy passes it on. */
	static final String FORGED_CERTIFICATE_HEADER = "Client-Cert";

	/** The scopes of attack devices: deliberately few. */
	static final List<String> SCOPES = List.of("telemetry:write");

	/**
	 * The scope of attack devices that call resource-sample: {@code GET /devices/{id}/config}
	 * needs only {@code config:read} and {@code sub == id} (CONTRACT "Resource servers").
	 */
	static final List<String> RESOURCE_SCOPES = List.of("config:read");

	private final AuthorizationServerMetadata metadata;

	private final HttpTransport http;

	private final FormPoster poster;

	private final AdminClient admin;

	private final ClientCredentials adminCredentials;

	private final String idPrefix;

	private final Clock clock;

	private final TlsClients tls;

	private final ResourceServer resourceServer;

	/**
	 * @param metadata the server's metadata
	 * @param http the transport of the attacker's plain requests (no client certificate)
	 * @param admin the admin API
	 * @param adminCredentials the admin client's credentials
	 * @param idPrefix the prefix of the ids of the devices the scenarios register
	 * @param clock the clock of assertions and certificates
	 * @param tls TLS connections with a chosen client certificate or none
	 * @param resourceServer where stolen and dead tokens are tried
	 */
	public AttackContext(AuthorizationServerMetadata metadata, HttpTransport http, AdminClient admin,
			ClientCredentials adminCredentials, String idPrefix, Clock clock, TlsClients tls,
			ResourceServer resourceServer) {
		this.metadata = metadata;
		this.http = http;
		this.poster = new FormPoster(http);
		this.admin = admin;
		this.adminCredentials = adminCredentials;
		this.idPrefix = idPrefix;
		this.clock = clock;
		this.tls = tls;
		this.resourceServer = resourceServer;
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

	public ResourceServer resourceServer() {
		return this.resourceServer;
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * @return where misbehaving devices send their requests (anomaly scenarios)
	 */
	public Endpoints endpoints() {
		return Endpoints.of(this.metadata, this.resourceServer.base(),
				this.tls.sslContext(null).getSocketFactory(), (int) this.tls.timeout().toMillis());
	}

	/**
	 * Registers a device for the attack, allowed {@link #SCOPES} and resource-sample.
	 * @param name unique within the run, e.g. "replay-victim"
	 * @param method {@code private_key_jwt} or {@code client_secret_basic}
	 * @return the device with its credential
	 */
	public AttackDevice register(String name, ClientAuthMethod method) {
		return register(name, method, SCOPES);
	}

	/**
	 * Registers a device for the attack, allowed resource-sample.
	 * @param name unique within the run
	 * @param method {@code private_key_jwt} or {@code client_secret_basic}
	 * @param scopes its allowed scopes, e.g. {@link #RESOURCE_SCOPES}
	 * @return the device with its credential
	 */
	public AttackDevice register(String name, ClientAuthMethod method, List<String> scopes) {
		String id = deviceId(name);
		KeyPair keyPair = (method == ClientAuthMethod.PRIVATE_KEY_JWT) ? EcKeys.generate() : null;
		JsonNode stored = this.admin.registerDevice(new DeviceTemplate(method, DeviceTemplate.DEFAULT_MODEL, scopes,
				DeviceTemplate.DEFAULT_RESOURCES).registration(id, keyPair));
		String secret = stored.path("client_secret").asString(null);
		if (method.usesSecret() && secret == null) {
			throw new SimException("the admin API returned no client_secret for " + id);
		}
		return new AttackDevice(id, keyPair, (keyPair != null) ? DeviceTemplate.publicJwk(keyPair) : null, secret);
	}

	/**
	 * Registers a device that authenticates with a CA-issued certificate
	 * ({@code tls_client_auth}, RFC 8705 Section 2.1; {@code tls_client_auth_subject_dn}
	 * {@code CN=<id>}), allowed {@link #RESOURCE_SCOPES} and resource-sample: it gets its
	 * certificate over EST ({@link #est}).
	 * @param name unique within the run
	 * @return the device, without a credential of its own until it enrolls
	 */
	public AttackDevice registerTlsClient(String name) {
		String id = deviceId(name);
		this.admin.registerDevice(new DeviceTemplate(ClientAuthMethod.TLS_CLIENT_AUTH, DeviceTemplate.DEFAULT_MODEL,
				RESOURCE_SCOPES, DeviceTemplate.DEFAULT_RESOURCES).registration(id, null));
		return new AttackDevice(id, null, null, null);
	}

	/**
	 * @param certificate the client certificate to present, or {@code null} for none
	 * @return an EST client of the server over such connections (RFC 7030)
	 */
	public EstClient est(ClientCertificate certificate) {
		return new EstClient((certificate != null) ? this.tls.transport(certificate) : this.http, issuer());
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
		return this.poster.post(this.metadata.getCustomURIParameter(ChallengeClient.METADATA_NAME), Map.of(), null);
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

	/**
	 * Registers a device that authenticates with a self-signed certificate whose key is in
	 * its registered JWKS ({@code self_signed_tls_client_auth}, RFC 8705 Section 2.2).
	 * @param name unique within the run
	 * @return the device; its key pair is the certificate's
	 */
	public AttackDevice registerSelfSignedTls(String name) {
		String id = deviceId(name);
		KeyPair keyPair = EcKeys.generate();
		ObjectNode registration = new DeviceTemplate(ClientAuthMethod.PRIVATE_KEY_JWT, DeviceTemplate.DEFAULT_MODEL,
				RESOURCE_SCOPES, DeviceTemplate.DEFAULT_RESOURCES).registration(id, keyPair);
		registration.put("token_endpoint_auth_method", "self_signed_tls_client_auth");
		this.admin.registerDevice(registration);
		return new AttackDevice(id, keyPair, DeviceTemplate.publicJwk(keyPair), null);
	}

	/**
	 * Sends a client credentials token request as {@code device} (HTTP Basic with its secret,
	 * else a fresh assertion, else only {@code client_id} for a TLS client authentication).
	 * @param device the client
	 * @param headers more headers, e.g. {@code DPoP}, possibly empty
	 * @param certificate the client certificate to present on the connection, or {@code null}
	 * @return the answer
	 */
	public Observed token(AttackDevice device, Map<String, String> headers, ClientCertificate certificate) {
		Map<String, List<String>> form = new java.util.LinkedHashMap<>();
		form.put("grant_type", List.of("client_credentials"));
		String authorization = null;
		if (device.secret() != null) {
			authorization = FormPoster.basic(device.id(), device.secret());
		}
		else if (certificate != null || headers.containsKey(FORGED_CERTIFICATE_HEADER)) {
			form.put("client_id", List.of(device.id())); // RFC 8705 2: the client_id parameter names the client
		}
		else {
			form.put("client_assertion_type", List.of(JWT_BEARER));
			form.put("client_assertion", List.of(validAssertion(device)));
		}
		FormPoster poster = (certificate != null) ? new FormPoster(this.tls.transport(certificate)) : this.poster;
		return poster.post(tokenEndpoint(), form, authorization, headers);
	}

	/**
	 * @param accessToken a JWT access token
	 * @return its {@code cnf} claim (RFC 7800), empty when it has none
	 */
	public static Map<String, Object> confirmation(String accessToken) {
		try {
			Map<String, Object> cnf = SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf");
			return (cnf != null) ? cnf : Map.of();
		}
		catch (java.text.ParseException ex) {
			throw new SimException("the access token is not a JWT: " + ex.getMessage(), ex);
		}
	}

}
