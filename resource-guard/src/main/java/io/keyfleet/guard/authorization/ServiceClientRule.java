package io.keyfleet.guard.authorization;

import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.standing.ClientStanding;

/**
 * The token's client is a service client, not a device: the {@code kind} of its standing
 * (docs/guard-state.md). Read from the shared state, not the token, so it cannot be
 * claimed.
 */
final class ServiceClientRule implements GuardRule {

	@Override
	public @Nullable GuardDenial check(GuardRequest request) {
		ClientStanding standing = request.standing();
		if (standing != null && standing.isService()) {
			return null;
		}
		return GuardDenial.of(DenialReason.SERVICE_CLIENTS_ONLY, "this endpoint is for service clients, not devices");
	}

}
