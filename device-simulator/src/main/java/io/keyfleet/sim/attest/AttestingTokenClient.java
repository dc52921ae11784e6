package io.keyfleet.sim.attest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.oauth2.sdk.Scope;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.TokenClient;
import io.keyfleet.sim.TokenEndpointResponse;
import io.keyfleet.sim.binding.DPoPProofs;

/**
 * Token requests of a device that attests: with {@link AttestMode#ALWAYS} each request
 * carries a fresh EAT over a new challenge; with {@link AttestMode#WHEN_ASKED} it goes
 * without evidence while the server holds a result. Either way, an answer that asks for
 * evidence ({@code use_attestation_challenge}, {@code use_fresh_attestation}) is retried once
 * with a new challenge and fresh evidence, the device's part of the challenge-response
 * freshness of RFC 9334 Section 10.2. A device without attestation just requests.
 */
public final class AttestingTokenClient {

	private final TokenClient tokens;

	private final ChallengeClient challenges;

	private final AttestMode mode;

	public AttestingTokenClient(TokenClient tokens, ChallengeClient challenges, AttestMode mode) {
		this.tokens = tokens;
		this.challenges = challenges;
		this.mode = mode;
	}

	/**
	 * @param tokenEndpoint the token endpoint
	 * @param credentials how the device authenticates
	 * @param device its Attester, or {@code null} when it does not attest
	 * @param dpop its DPoP proofs, or {@code null} for a token that is not DPoP-bound
	 * @param scope the requested scope, or {@code null}
	 * @param resources the target resources, possibly empty
	 * @return the last answer
	 */
	public TokenEndpointResponse requestToken(URI tokenEndpoint, ClientCredentials credentials, Attester device,
			DPoPProofs dpop, Scope scope, List<URI> resources) {
		if (device == null) {
			return this.tokens.requestToken(tokenEndpoint, credentials, scope, resources, dpop, Map::of);
		}
		// evidence made per request sent: a use_dpop_nonce retry gets a new challenge too
		Supplier<Map<String, String>> evidence = () -> evidence(device);
		TokenEndpointResponse response = this.tokens.requestToken(tokenEndpoint, credentials, scope, resources, dpop,
				(this.mode == AttestMode.ALWAYS) ? evidence : Map::of);
		if (!response.isSuccess() && AttestationErrors.asksForEvidence(errorCode(response))) {
			response = this.tokens.requestToken(tokenEndpoint, credentials, scope, resources, dpop, evidence);
		}
		return response;
	}

	private Map<String, String> evidence(Attester device) {
		return form(device.format(), device.evidence(this.challenges.challenge()));
	}

	/**
	 * @param format the evidence format
	 * @param evidence the encoded evidence
	 * @return the token request's form parameters that carry it (CONTRACT "Token")
	 */
	public static Map<String, String> form(String format, String evidence) {
		return Map.of("attestation_format", format, "attestation_evidence", evidence);
	}

	private static String errorCode(TokenEndpointResponse response) {
		return (response.body().get("error") instanceof String code) ? code : null;
	}

}
