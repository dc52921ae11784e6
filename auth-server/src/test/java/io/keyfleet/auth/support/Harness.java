package io.keyfleet.auth.support;

/**
 * What most integration tests need: the shared server, an HTTPS client for it, the Nimbus
 * OAuth client, and an admin token.
 */
public record Harness(TestServer server, Http http, OAuthClient oauth, String admin) {

	private static Harness shared;

	/** The harness around {@link TestServer#shared()}. */
	public static synchronized Harness shared() {
		if (shared == null) {
			TestServer server = TestServer.shared();
			OAuthClient oauth = new OAuthClient(server);
			shared = new Harness(server, new Http(server), oauth, oauth.adminToken());
		}
		return shared;
	}

}
