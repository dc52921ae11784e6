package io.keyfleet.auth.client;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /api/v1/devices} and {@code /api/v1/clients}, one line of an
 * NDJSON import, and the result of applying a merge patch (CONTRACT "Admin API"; field
 * names from RFC 7591 §2 where one exists).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClientRegistrationRequest(String id, String model, String tokenEndpointAuthMethod,
		Map<String, Object> jwks, String tlsClientAuthSubjectDn, String tlsClientAuthSanUri,
		String tlsClientAuthSanDns, List<String> allowedScopes,
		List<String> allowedResources, Boolean dpopBoundAccessTokens, Boolean tlsClientCertificateBoundAccessTokens,
		Map<String, Object> attestation, Map<String, String> labels) {

}
