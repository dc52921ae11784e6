package io.keyfleet.sim;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the metadata of an issuer is (RFC 8414 Section 3.1).
 */
class ServerMetadataTests {

	@Test
	void metadataUriWhenIssuerHasNoPathThenWellKnownAppended() {
		assertThat(ServerMetadata.metadataUri(URI.create("https://localhost:8443")))
			.isEqualTo(URI.create("https://localhost:8443/.well-known/oauth-authorization-server"));
	}

	@Test
	void metadataUriWhenIssuerHasPathThenWellKnownInsertedBeforeIt() {
		assertThat(ServerMetadata.metadataUri(URI.create("https://example.test/tenant/one")))
			.isEqualTo(URI.create("https://example.test/.well-known/oauth-authorization-server/tenant/one"));
	}

}
