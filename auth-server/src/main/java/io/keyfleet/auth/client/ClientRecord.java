package io.keyfleet.auth.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A registered client — device or service — as stored in Redis. Secrets appear only as a
 * hash ({@code client_secret_basic}) or as ciphertext under the key-encryption key
 * ({@code client_secret_jwt}); this record never reaches an API response directly (see
 * {@code ClientView}).
 *
 * @param tokensRevokedAtMs the last kill switch (epoch ms): tokens issued at or before it
 * are dead
 * @param attestationResetAtMs the last step-up (epoch ms): tokens issued at or before it
 * no longer count as attested at resource servers
 * @param enrollmentGroup the enrollment group a device was registered from just in time
 * (CONTRACT "Provisioning"), else null
 * @param version incremented on every change; updates are compare-and-set on it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientRecord(String id, ClientKind kind, String model, AuthMethod tokenEndpointAuthMethod,
		Map<String, Object> jwks, String tlsClientAuthSubjectDn, String tlsClientAuthSanUri,
		String tlsClientAuthSanDns, List<String> allowedScopes,
		List<String> allowedResources, boolean dpopBoundAccessTokens, boolean tlsClientCertificateBoundAccessTokens,
		Map<String, Object> attestation, Map<String, String> labels, ClientStatus status, String secretHash,
		String secretCiphertext, Instant createdAt, Instant updatedAt, Long tokensRevokedAtMs,
		Long attestationResetAtMs, String enrollmentGroup, long version) {

	public ClientRecord {
		allowedScopes = (allowedScopes != null) ? List.copyOf(allowedScopes) : List.of();
		allowedResources = (allowedResources != null) ? List.copyOf(allowedResources) : List.of();
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
	}

	public boolean isDevice() {
		return this.kind == ClientKind.DEVICE;
	}

	/** Whether a token issued at {@code issuedAtMs} is dead by this client's kill switch. */
	public boolean killed(long issuedAtMs) {
		return this.tokensRevokedAtMs != null && issuedAtMs <= this.tokensRevokedAtMs;
	}

	public ClientRecord withStatus(ClientStatus newStatus, Instant now) {
		return new ClientRecord(this.id, this.kind, this.model, this.tokenEndpointAuthMethod, this.jwks,
				this.tlsClientAuthSubjectDn, this.tlsClientAuthSanUri, this.tlsClientAuthSanDns, this.allowedScopes, this.allowedResources, this.dpopBoundAccessTokens,
				this.tlsClientCertificateBoundAccessTokens, this.attestation, this.labels, newStatus, this.secretHash,
				this.secretCiphertext, this.createdAt, now, this.tokensRevokedAtMs, this.attestationResetAtMs,
				this.enrollmentGroup, this.version + 1);
	}

	/** The subject DN {@code tls_client_auth} expects (RFC 8705 §2.1.2). */
	public ClientRecord withTlsClientAuthSubjectDn(String subjectDn, Instant now) {
		return new ClientRecord(this.id, this.kind, this.model, this.tokenEndpointAuthMethod, this.jwks, subjectDn,
				this.tlsClientAuthSanUri, this.tlsClientAuthSanDns, this.allowedScopes, this.allowedResources,
				this.dpopBoundAccessTokens, this.tlsClientCertificateBoundAccessTokens, this.attestation, this.labels,
				this.status, this.secretHash, this.secretCiphertext, this.createdAt, now, this.tokensRevokedAtMs,
				this.attestationResetAtMs, this.enrollmentGroup, this.version + 1);
	}

	/** The registered public keys (RFC 7591 {@code jwks}), replaced by the device itself (RFC 7592). */
	public ClientRecord withJwks(Map<String, Object> newJwks, Instant now) {
		return new ClientRecord(this.id, this.kind, this.model, this.tokenEndpointAuthMethod, newJwks,
				this.tlsClientAuthSubjectDn, this.tlsClientAuthSanUri, this.tlsClientAuthSanDns, this.allowedScopes,
				this.allowedResources, this.dpopBoundAccessTokens, this.tlsClientCertificateBoundAccessTokens,
				this.attestation, this.labels, this.status, this.secretHash, this.secretCiphertext, this.createdAt, now,
				this.tokensRevokedAtMs, this.attestationResetAtMs, this.enrollmentGroup, this.version + 1);
	}

	/** Kill switch: every token issued up to {@code atMs} dies. */
	public ClientRecord withTokensRevokedAt(long atMs, Instant now) {
		long effective = (this.tokensRevokedAtMs != null) ? Math.max(this.tokensRevokedAtMs, atMs) : atMs;
		return new ClientRecord(this.id, this.kind, this.model, this.tokenEndpointAuthMethod, this.jwks,
				this.tlsClientAuthSubjectDn, this.tlsClientAuthSanUri, this.tlsClientAuthSanDns, this.allowedScopes, this.allowedResources, this.dpopBoundAccessTokens,
				this.tlsClientCertificateBoundAccessTokens, this.attestation, this.labels, this.status, this.secretHash,
				this.secretCiphertext, this.createdAt, now, effective, this.attestationResetAtMs, this.enrollmentGroup,
				this.version + 1);
	}

	/** Step-up: tokens issued up to {@code atMs} no longer count as attested. */
	public ClientRecord withAttestationResetAt(long atMs, Instant now) {
		long effective = (this.attestationResetAtMs != null) ? Math.max(this.attestationResetAtMs, atMs) : atMs;
		return new ClientRecord(this.id, this.kind, this.model, this.tokenEndpointAuthMethod, this.jwks,
				this.tlsClientAuthSubjectDn, this.tlsClientAuthSanUri, this.tlsClientAuthSanDns, this.allowedScopes,
				this.allowedResources, this.dpopBoundAccessTokens, this.tlsClientCertificateBoundAccessTokens,
				this.attestation, this.labels, this.status, this.secretHash, this.secretCiphertext, this.createdAt, now,
				this.tokensRevokedAtMs, effective, this.enrollmentGroup, this.version + 1);
	}

}
