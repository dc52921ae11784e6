package io.keyfleet.auth.token;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.Nonce;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) at the token endpoint: proofs are single use across all nodes (Redis),
 * and server nonces when configured.
 */
class DPoPIntegrationTests {

	private static Harness harness;

	@BeforeAll
	static void start() {
		harness = Harness.shared();
	}

	@Test
	void tokenWhenDpopProofReplayedThenInvalidDpopProof() throws Exception {
		Device device = Device.register();
		ECKey proofKey = TestDevices.ecKey("dpop");
		SignedJWT proof = new DefaultDPoPProofFactory(proofKey, JWSAlgorithm.ES256).createDPoPJWT("POST",
				harness.oauth().tokenEndpoint());

		HTTPResponse first = send(harness.oauth(), device, proof);
		HTTPResponse replay = send(harness.oauth(), device, proof);

		assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
		assertThat(replay.getStatusCode()).isEqualTo(400);
		assertThat(replay.getBodyAsJSONObject().get("error")).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void tokenWhenDpopProofReplayedAtAnotherNodeThenInvalidDpopProof() throws Exception {
		Device device = Device.register();
		ECKey proofKey = TestDevices.ecKey("dpop");
		try (TestServer second = TestServer.start(Map.of("keyfleet.data-dir", harness.server().dataDir().toString(),
				"keyfleet.issuer", harness.server().issuer()))) {
			OAuthClient secondNode = new OAuthClient(second);
			// htu names the second node's URL, as a proof for it would
			SignedJWT proof = new DefaultDPoPProofFactory(proofKey, JWSAlgorithm.ES256).createDPoPJWT("POST",
					secondNode.tokenEndpoint());

			HTTPResponse first = send(secondNode, device, proof);
			HTTPResponse replay = send(secondNode, device, proof);

			assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
			assertThat(replay.getStatusCode()).isEqualTo(400);
		}
	}

	@Test
	void tokenWhenDpopProofForAnotherUrlThenInvalidDpopProof() throws Exception {
		Device device = Device.register();
		SignedJWT proof = new DefaultDPoPProofFactory(TestDevices.ecKey("dpop"), JWSAlgorithm.ES256).createDPoPJWT("POST",
				URI.create("https://elsewhere.example/oauth2/token"));

		HTTPResponse response = send(harness.oauth(), device, proof);

		assertThat(response.getStatusCode()).isEqualTo(400);
		assertThat(response.getBodyAsJSONObject().get("error")).isEqualTo("invalid_dpop_proof");
	}

	@Test
	void tokenWhenNoncesRequiredThenUseDpopNonceFirstAndSuccessWithTheNonce() throws Exception {
		Device device = Device.register();
		ECKey proofKey = TestDevices.ecKey("dpop");
		try (TestServer strict = TestServer.start(Map.of("keyfleet.data-dir", harness.server().dataDir().toString(),
				"keyfleet.issuer", harness.server().issuer(), "keyfleet.dpop.require-nonce", "true"))) {
			OAuthClient client = new OAuthClient(strict);
			DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(proofKey, JWSAlgorithm.ES256);

			HTTPResponse withoutNonce = send(client, device, proofs.createDPoPJWT("POST", client.tokenEndpoint()));
			String nonce = withoutNonce.getHeaderValue("DPoP-Nonce");
			HTTPResponse withNonce = send(client, device,
					proofs.createDPoPJWT("POST", client.tokenEndpoint(), new Nonce(nonce)));
			HTTPResponse withForgedNonce = send(client, device,
					proofs.createDPoPJWT("POST", client.tokenEndpoint(), new Nonce("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));

			assertThat(withoutNonce.getStatusCode()).isEqualTo(400);
			assertThat(withoutNonce.getBodyAsJSONObject().get("error")).isEqualTo("use_dpop_nonce");
			assertThat(nonce).isNotBlank();
			assertThat(withNonce.getStatusCode()).as(withNonce.getBody()).isEqualTo(200);
			assertThat(withForgedNonce.getStatusCode()).isEqualTo(400);
		}
	}

	private static HTTPResponse send(OAuthClient client, Device device, SignedJWT proof) throws Exception {
		// every node of a deployment shares the issuer: assertions name its token endpoint
		PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID(device.id()),
				URI.create(harness.server().issuer() + "/oauth2/token"), JWSAlgorithm.ES256, device.key().toECPrivateKey(),
				"k1", null);
		HTTPRequest request = new TokenRequest(client.tokenEndpoint(), auth, new ClientCredentialsGrant()).toHTTPRequest();
		request.setDPoP(proof);
		return client.send(request);
	}

	private record Device(String id, ECKey key) {

		static Device register() {
			ECKey key = TestDevices.ecKey("k1");
			String id = TestDevices.newId("dpop");
			TestDevices.register(harness.http(), harness.admin(),
					TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));
			return new Device(id, key);
		}

	}

}
