package io.keyfleet.auth.client;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registry as Spring's authorization server sees it: only clients that may get
 * tokens right now exist. A suspended, quarantined, pending or retired client is simply
 * not found, which every client authentication provider answers with
 * {@code invalid_client} (CONTRACT: "A suspended or retired client gets
 * {@code 401 invalid_client}").
 *
 * <p>
 * Clients are registered through the admin API only, so {@link #save} is refused.
 */
public final class KeyfleetRegisteredClientRepository implements RegisteredClientRepository {

	private final ResolvedClientCache clients;

	public KeyfleetRegisteredClientRepository(ResolvedClientCache clients) {
		this.clients = clients;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("clients are registered through the admin API");
	}

	@Override
	public RegisteredClient findById(String id) {
		return findByClientId(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		if (clientId == null || !ClientRegistrationValidator.ID.matcher(clientId).matches()) {
			return null;
		}
		return this.clients.find(clientId).filter(ResolvedClient::usable).map(ResolvedClient::registeredClient)
			.orElse(null);
	}

}
