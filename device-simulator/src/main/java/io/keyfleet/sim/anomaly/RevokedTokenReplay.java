package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.load.SourcedClient;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * A revoked token replayed: the device gets a token, uses it at the resource server (its
 * own configuration, {@code GET /devices/{id}/config}), revokes it
 * ({@code POST /oauth2/revoke}, RFC 7009), and then the token is presented again, as by
 * someone who copied it. The resource server refuses it ({@code 401 invalid_token}) and
 * reports the denial; kind {@code revoked_token_use}. The replay waits
 * {@value #SETTLE_MILLIS} ms after the revocation, so that it is the standing check that
 * refuses it, not a race with the revocation notice.
 */
final class RevokedTokenReplay implements Misbehaviour {

	static final long SETTLE_MILLIS = 500;

	static final int REPLAYS = 2;

	@Override
	public String name() {
		return "revoked-token-replay";
	}

	@Override
	public String kind() {
		return "revoked_token_use";
	}

	@Override
	public String description() {
		return "a token revoked with /oauth2/revoke is presented again at the resource server";
	}

	@Override
	public boolean needsResourceServer() {
		return true;
	}

	@Override
	public Instant perform(FleetDevice device, Clock clock) {
		Endpoints endpoints = device.endpoints();
		SourcedClient client = device.client();
		TokenAnswer answer = device.token(Sources.HOME);
		if (!answer.issued()) {
			throw new SimException("no token to revoke: " + answer.describe());
		}
		int used = client.call(endpoints.configUrl(device.id()), answer.accessToken(), Sources.HOME);
		if (used != 200) {
			throw new SimException("the live token's call answered HTTP " + used);
		}
		if (endpoints.revocationEndpoint() == null) {
			throw new SimException("the server metadata has no revocation_endpoint");
		}
		int revoked = client.revoke(endpoints.revocationEndpoint(), answer.accessToken(), Sources.HOME);
		if (revoked != 200) {
			throw new SimException("the revocation answered HTTP " + revoked);
		}
		Pause.millis(SETTLE_MILLIS);
		Instant start = clock.instant();
		for (int replay = 0; replay < REPLAYS; replay++) {
			int status = client.call(endpoints.configUrl(device.id()), answer.accessToken(), Sources.HOME);
			if (status / 100 == 2) {
				throw new SimException("the resource server accepted the revoked token (HTTP " + status + ")");
			}
		}
		return start;
	}

}
