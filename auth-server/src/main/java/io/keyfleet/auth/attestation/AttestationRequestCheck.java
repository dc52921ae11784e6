package io.keyfleet.auth.attestation;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import io.keyfleet.auth.client.ClientResolver;
import io.keyfleet.auth.web.KeyfleetErrorCodes;

/**
 * The attestation gate of the token endpoint, run after every other check of a client
 * credentials request (so a request refused for its scope never uses up a challenge). A
 * request carries evidence in {@code attestation_format} and {@code attestation_evidence};
 * a device registered with {@code attestation.required} gets a token only with evidence that
 * is affirming or warning, or while a stored result stands in for it. Errors as the
 * contract's table: {@code use_attestation_challenge} (400), {@code use_fresh_attestation}
 * (400), {@code invalid_client_attestation} (401). The result goes to the token through a
 * request attribute, read by {@link AttestationClaimContributor}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-oauth-attestation-based-client-auth/">OAuth 2.0
 * Attestation-Based Client Authentication</a>
 */
public final class AttestationRequestCheck implements Consumer<OAuth2ClientCredentialsAuthenticationContext> {

	static final String RESULT_ATTRIBUTE = AttestationRequestCheck.class.getName() + ".result";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/draft-ietf-oauth-attestation-based-client-auth/";

	/** Far above any real EAT or TPM quote (about 1 KB), far below the form size limit. */
	private static final int MAX_EVIDENCE_LENGTH = 64 * 1024;

	private final AttestationService attestation;

	public AttestationRequestCheck(AttestationService attestation) {
		this.attestation = attestation;
	}

	@Override
	public void accept(OAuth2ClientCredentialsAuthenticationContext context) {
		OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
		Map<String, Object> parameters = request.getAdditionalParameters();
		Object format = parameters.get("attestation_format");
		Object evidence = parameters.get("attestation_evidence");
		RegisteredClient client = context.getRegisteredClient();
		DeviceAttestation device = client.getClientSettings().getSetting(ClientResolver.DEVICE_ATTESTATION_SETTING);
		if (format == null && evidence == null) {
			if (device != null && device.required()) {
				remember(result(() -> this.attestation.stored(device)));
			}
			return;
		}
		if (device == null) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "only devices attest");
		}
		if (!(format instanceof String fmt) || fmt.isEmpty() || !(evidence instanceof String text) || text.isEmpty()) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST,
					"attestation_format and attestation_evidence must both be given, once each");
		}
		if (text.length() > MAX_EVIDENCE_LENGTH) {
			throw error(KeyfleetErrorCodes.INVALID_CLIENT_ATTESTATION, "attestation_evidence is too large");
		}
		remember(result(() -> this.attestation.attest(device, fmt, text)));
	}

	private static AttestationResult result(Supplier<AttestationResult> attestation) {
		try {
			return attestation.get();
		}
		catch (AttestationException ex) {
			String code = switch (ex.reason()) {
				case NONCE_UNKNOWN, EVIDENCE_REQUIRED -> KeyfleetErrorCodes.USE_ATTESTATION_CHALLENGE;
				case FRESH_EVIDENCE_REQUIRED -> KeyfleetErrorCodes.USE_FRESH_ATTESTATION;
				default -> KeyfleetErrorCodes.INVALID_CLIENT_ATTESTATION;
			};
			String description = switch (ex.reason()) {
				case NONCE_UNKNOWN -> "the evidence's nonce is not an unused challenge: get one from the challenge endpoint";
				// the reasons name reference values of the policy: they go to the audit log, not to the device
				case CONTRAINDICATED -> "the evidence was appraised as contraindicated";
				default -> ex.getMessage();
			};
			throw new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI), ex);
		}
	}

	private static void remember(AttestationResult result) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			// without it the token would go out without att and without the expiry cap
			throw new IllegalStateException("no request context to carry the attestation result to the token");
		}
		attributes.setAttribute(RESULT_ATTRIBUTE, result, RequestAttributes.SCOPE_REQUEST);
	}

	/** The result the current token request attested with, or null. */
	static AttestationResult current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes != null) ? (AttestationResult) attributes.getAttribute(RESULT_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) : null;
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

}
