package io.keyfleet.auth.revocation;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.keyfleet.auth.client.ResolvedClient;
import io.keyfleet.auth.client.ResolvedClientCache;
import io.keyfleet.auth.token.TokenIds;

/**
 * Whether an issued access token is still in good standing, beyond its signature and
 * {@code exp}: not revoked, its client still registered and active, and issued after the
 * client's last kill switch (compared at millisecond precision through the UUIDv7
 * {@code jti}). One Redis read (the revocation key); the client comes from the coherent
 * registry cache.
 */
public final class TokenStanding {

	private final RevokedTokens revoked;

	private final ResolvedClientCache clients;

	public TokenStanding(RevokedTokens revoked, ResolvedClientCache clients) {
		this.revoked = revoked;
		this.clients = clients;
	}

	public Standing of(String clientId, String jti, Instant issuedAt) {
		if (clientId == null || jti == null) {
			return Standing.UNKNOWN_CLIENT;
		}
		// the revocation read goes out first and overlaps with the client lookup
		CompletionStage<Long> revocation = this.revoked.isRevokedAsync(jti);
		Optional<ResolvedClient> client = this.clients.find(clientId);
		if (client.isEmpty()) {
			return Standing.UNKNOWN_CLIENT;
		}
		if (!client.get().record().status().mayGetTokens()) {
			return Standing.CLIENT_NOT_ACTIVE;
		}
		long fallback = (issuedAt != null) ? issuedAt.toEpochMilli() : 0;
		if (client.get().record().killed(TokenIds.issuedAtMillis(jti, fallback))) {
			return Standing.KILLED;
		}
		if (this.revoked.isRevoked(revocation)) {
			return Standing.REVOKED;
		}
		return Standing.GOOD;
	}

	/** The outcome; only {@link #GOOD} lets a token be used. */
	public enum Standing {

		GOOD, REVOKED, KILLED, CLIENT_NOT_ACTIVE, UNKNOWN_CLIENT;

		public boolean good() {
			return this == GOOD;
		}

	}

}
