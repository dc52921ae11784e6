package io.keyfleet.auth.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A client as the admin API shows it: the registration plus its standing, never a
 * secret hash or ciphertext. {@code client_secret} is present only in the response that
 * generated it; {@code enrollment_group} only for a device registered just in time.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(String id, String model, String tokenEndpointAuthMethod, Map<String, Object> jwks,
		String tlsClientAuthSubjectDn, String tlsClientAuthSanUri, String tlsClientAuthSanDns,
		List<String> allowedScopes, List<String> allowedResources,
		boolean dpopBoundAccessTokens, boolean tlsClientCertificateBoundAccessTokens, Map<String, Object> attestation,
		Map<String, String> labels, String status, String enrollmentGroup, String createdAt, String updatedAt,
		String tokensRevokedAt, String clientSecret) {

	public static ClientView of(ClientRecord record) {
		return of(record, null);
	}

	public static ClientView of(ClientRecord record, String newSecret) {
		return new ClientView(record.id(), record.model(), record.tokenEndpointAuthMethod().wireName(), record.jwks(),
				record.tlsClientAuthSubjectDn(), record.tlsClientAuthSanUri(), record.tlsClientAuthSanDns(),
				record.allowedScopes(), record.allowedResources(),
				record.dpopBoundAccessTokens(), record.tlsClientCertificateBoundAccessTokens(), record.attestation(),
				record.labels(), record.status().wireName(), record.enrollmentGroup(), text(record.createdAt()),
				text(record.updatedAt()),
				(record.tokensRevokedAtMs() != null) ? Instant.ofEpochMilli(record.tokensRevokedAtMs()).toString() : null,
				newSecret);
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
