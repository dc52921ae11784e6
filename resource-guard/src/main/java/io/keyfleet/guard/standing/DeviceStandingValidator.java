package io.keyfleet.guard.standing;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Refuses a token whose client — a device, or a service client — is no longer in good
 * standing (docs/guard-state.md): unknown to the auth-server, not {@code active}
 * (suspended, quarantined, pending, retired), or killed after the token was issued.
 * "After" is compared in milliseconds ({@link IssuanceTime}): a token issued after a kill
 * switch lives even within the same second, one issued at or before it does not.
 */
public final class DeviceStandingValidator implements OAuth2TokenValidator<Jwt> {

	private final ClientStandings standings;

	public DeviceStandingValidator(ClientStandings standings) {
		Assert.notNull(standings, "standings cannot be null");
		this.standings = standings;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String clientId = ClientStandings.clientId(token);
		if (clientId == null) {
			return StandingErrors.invalidToken("invalid", "the token names no client");
		}
		ClientStanding standing;
		try {
			standing = this.standings.find(clientId);
		}
		catch (IllegalArgumentException ex) {
			return StandingErrors.invalidToken("status", "the client's standing is unreadable");
		}
		if (standing == null) {
			return StandingErrors.invalidToken("status", "the client is unknown");
		}
		if (!standing.isActive()) {
			return StandingErrors.invalidToken("status", "the client is " + standing.status());
		}
		if (IssuanceTime.millis(token) <= standing.tokensRevokedAtMs()) {
			return StandingErrors.invalidToken("killed", "the token was issued before the client's tokens were revoked");
		}
		return OAuth2TokenValidatorResult.success();
	}

}
