package io.keyfleet.sim.attest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.ClientCredentialsFactory;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.TokenClient;
import io.keyfleet.sim.TokenEndpointResponse;
import io.keyfleet.sim.binding.DPoPProofs;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Option;

/**
 * The {@code --attest} option of the commands that get tokens for fleet devices
 * ({@code token}, {@code call}), and the token request it leads to: a device that attests
 * (see {@link AttestationStore}) sends evidence as {@link AttestMode} says; any other
 * client just requests.
 */
public final class AttestModeOption {

	@Option(names = "--attest", paramLabel = "MODE", defaultValue = "always", converter = AttestMode.Converter.class,
			description = { "For a device that attests: always (a challenge and fresh evidence with every token "
					+ "request) or when-asked (evidence only when the server asks for it: use_attestation_challenge, "
					+ "use_fresh_attestation). Default: ${DEFAULT-VALUE}." })
	private AttestMode mode = AttestMode.ALWAYS;

	public AttestMode mode() {
		return this.mode;
	}

	/**
	 * @param http the transport
	 * @param metadata the server's metadata
	 * @param fleet the fleet of the device, or {@code null} for a client outside any fleet
	 * @param deviceId the device, or {@code null}
	 * @param credentials how it authenticates
	 * @param dpop its DPoP proofs, or {@code null} for a token that is not DPoP-bound
	 * @param scope the requested scope
	 * @param resources the target resources
	 * @return the token endpoint's last answer
	 */
	public TokenEndpointResponse requestToken(HttpTransport http, AuthorizationServerMetadata metadata,
			FleetStore fleet, String deviceId, ClientCredentials credentials, DPoPProofs dpop, Scope scope,
			List<URI> resources) {
		TokenClient tokens = new TokenClient(http, new ClientCredentialsFactory());
		Attester device = (fleet != null && deviceId != null)
				? new AttestationStore(fleet).attester(deviceId).orElse(null) : null;
		if (device == null) {
			return tokens.requestToken(metadata.getTokenEndpointURI(), credentials, scope, resources, dpop, Map::of);
		}
		return new AttestingTokenClient(tokens, new ChallengeClient(http, ChallengeClient.endpoint(metadata)), this.mode)
			.requestToken(metadata.getTokenEndpointURI(), credentials, device, dpop, scope, resources);
	}

}
