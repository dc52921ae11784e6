package io.keyfleet.sim.load;

import java.net.URI;

/**
 * The attestation challenge request of a load run ({@code POST} to the challenge endpoint,
 * no body, no client authentication; CONTRACT "Challenge"), built once and sent over the
 * worker's token connection, as a device that stays connected would.
 */
final class ChallengeRequest {

	private final String bytes;

	ChallengeRequest(URI challengeEndpoint) {
		this.bytes = "POST " + challengeEndpoint.getRawPath() + " HTTP/1.1\r\nHost: " + challengeEndpoint.getRawAuthority()
				+ "\r\nAccept: application/json\r\nContent-Length: 0\r\n\r\n";
	}

	void write(AsciiBuffer request) {
		request.reset().append(this.bytes);
	}

}
