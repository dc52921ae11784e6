package io.keyfleet.auth.token;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;

import io.keyfleet.auth.web.KeyfleetErrorCodes;

/**
 * Checks a token request's DPoP proof (RFC 9449 §4.3) before Spring's authorization server
 * does: the same checks — {@code typ dpop+jwt}, an asymmetric {@code alg} with its
 * {@code jwk}, {@code htm}, {@code htu}, {@code iat} window — but with the proof's
 * {@code jti} recorded in Redis, so that a proof replayed at another node is refused too
 * (Spring's own check remembers proofs in one node's memory). With
 * {@code keyfleet.dpop.require-nonce} the proof must also carry a current server nonce
 * (§8), else {@code use_dpop_nonce}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3</a>
 */
public final class DPoPProofCheck implements Consumer<OAuth2ClientCredentialsAuthenticationContext> {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc9449#section-4.3";

	private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

	private final DPoPNonces nonces;

	private final boolean requireNonce;

	public DPoPProofCheck(RedisDPoPProofCache replayCache, DPoPNonces nonces, boolean requireNonce) {
		this.decoders.setJwtValidatorFactory(DPoPProofJwtDecoderFactory
			.createDefaultJwtValidatorFactory(List.of(new DPoPProofReplayValidator(replayCache))));
		this.nonces = nonces;
		this.requireNonce = requireNonce;
	}

	@Override
	public void accept(OAuth2ClientCredentialsAuthenticationContext context) {
		OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
		Map<String, Object> parameters = request.getAdditionalParameters();
		Object proof = parameters.get("dpop_proof");
		if (!(proof instanceof String dPoPProof)) {
			return;
		}
		Jwt verified;
		try {
			DPoPProofContext proofContext = DPoPProofContext.withDPoPProof(dPoPProof)
				.method((String) parameters.get("dpop_method"))
				.targetUri((String) parameters.get("dpop_target_uri"))
				.build();
			verified = this.decoders.createDecoder(proofContext).decode(dPoPProof);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
					"the DPoP proof is invalid or was used before", ERROR_URI), ex);
		}
		if (this.requireNonce && !this.nonces.isValid(verified.getClaimAsString("nonce"))) {
			throw new OAuth2AuthenticationException(new OAuth2Error(KeyfleetErrorCodes.USE_DPOP_NONCE,
					"the DPoP proof must carry the nonce in the DPoP-Nonce header",
					"https://www.rfc-editor.org/rfc/rfc9449#section-8"));
		}
	}

}
