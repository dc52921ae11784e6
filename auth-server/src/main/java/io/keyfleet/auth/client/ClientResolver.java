package io.keyfleet.auth.client;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.keys.KeyEncryptionKey;

/**
 * Turns a stored {@link ClientRecord} into a {@link ResolvedClient}: a Spring
 * {@link RegisteredClient} allowed only {@code client_credentials}, its scopes, its one
 * authentication method and its credential (secret hash, decrypted HMAC key, or parsed
 * JWKS).
 */
public final class ClientResolver {

	/** The {@code ClientSettings} entry that holds a client's allowed resources (RFC 8707). */
	public static final String ALLOWED_RESOURCES_SETTING = "keyfleet.allowed-resources";

	/** The {@code ClientSettings} entry: the client must use DPoP (RFC 9449 §5.2). */
	public static final String DPOP_BOUND_SETTING = "keyfleet.dpop-bound-access-tokens";

	/** The {@code ClientSettings} entry: a device's attestation registration ({@link DeviceAttestation}). */
	public static final String DEVICE_ATTESTATION_SETTING = "keyfleet.device-attestation";

	/** The {@code ClientSettings} entry: {@code device} or {@code service} (for events). */
	public static final String KIND_SETTING = "keyfleet.kind";

	private static final Logger log = LoggerFactory.getLogger(ClientResolver.class);

	private final KeyEncryptionKey kek;

	private final Duration accessTokenTtl;

	public ClientResolver(KeyEncryptionKey kek, Duration accessTokenTtl) {
		this.kek = kek;
		this.accessTokenTtl = accessTokenTtl;
	}

	public ResolvedClient resolve(ClientRecord record) {
		try {
			ClientJwks jwks = record.tokenEndpointAuthMethod().usesJwks() ? ClientJwks.parse(record.jwks()) : null;
			return new ResolvedClient(record, registeredClient(record), jwks);
		}
		catch (IllegalArgumentException ex) {
			log.error("Client {} cannot authenticate: its stored credential is unusable ({})", record.id(),
					ex.getMessage());
			return new ResolvedClient(record, null, null);
		}
	}

	private RegisteredClient registeredClient(ClientRecord record) {
		AuthMethod method = record.tokenEndpointAuthMethod();
		ClientSettings.Builder clientSettings = ClientSettings.builder()
			.requireProofKey(false)
			.requireAuthorizationConsent(false)
			.setting(ALLOWED_RESOURCES_SETTING, record.allowedResources())
			.setting(DPOP_BOUND_SETTING, record.dpopBoundAccessTokens())
			.setting(KIND_SETTING, record.kind().wireName());
		if (record.isDevice()) {
			clientSettings.setting(DEVICE_ATTESTATION_SETTING, DeviceAttestation.of(record));
		}
		RegisteredClient.Builder builder = RegisteredClient.withId(record.id())
			.clientId(record.id())
			.clientIdIssuedAt(record.createdAt())
			.clientAuthenticationMethod(method.springMethod())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes(scopes -> scopes.addAll(record.allowedScopes()))
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(this.accessTokenTtl)
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.x509CertificateBoundAccessTokens(record.tlsClientCertificateBoundAccessTokens())
				.build());
		switch (method) {
			case CLIENT_SECRET_BASIC -> builder.clientSecret(record.secretHash());
			case CLIENT_SECRET_JWT -> {
				// the HMAC key itself: JWS verification needs it in the clear
				builder.clientSecret(this.kek.decrypt(record.secretCiphertext(), record.id()));
				clientSettings.tokenEndpointAuthenticationSigningAlgorithm(MacAlgorithm.HS256);
			}
			case PRIVATE_KEY_JWT -> clientSettings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.ES256);
			default -> {
				if (record.tlsClientAuthSubjectDn() != null) {
					clientSettings.x509CertificateSubjectDN(record.tlsClientAuthSubjectDn());
				}
			}
		}
		return builder.clientSettings(clientSettings.build()).build();
	}

}
