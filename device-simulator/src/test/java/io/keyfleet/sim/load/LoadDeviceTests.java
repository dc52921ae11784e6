package io.keyfleet.sim.load;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcdsaProvider;
import io.keyfleet.sim.binding.Binding;
import io.keyfleet.sim.binding.DPoPProofs;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.fleet.DeviceRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-built token requests of the load generator, checked with Nimbus as the server
 * would check them.
 */
class LoadDeviceTests {

	private static final URI TOKEN_ENDPOINT = URI.create("https://localhost:18443/oauth2/token");

	private static final String SECRET = "a-client-secret-of-at-least-32-bytes-for-HS256";

	@Test
	void writeTokenRequestWhenPrivateKeyJwtThenEs256AssertionVerifiesWithTheDevicePublicKey() throws Exception {
		KeyPair keys = EcKeys.generate();
		LoadDevice device = new LoadDevice(record("dev-1", ClientAuthMethod.PRIVATE_KEY_JWT, keys), TOKEN_ENDPOINT,
				LoadDevice.form(List.<String[]>of(new String[] { "scope", "telemetry:write config:read" })));
		Request request = write(device, new JtiSource("run", 3), 1_800_000_000L);

		assertThat(request.head()).startsWith("POST /oauth2/token HTTP/1.1\r\nHost: localhost:18443\r\n")
			.contains("Content-Type: application/x-www-form-urlencoded\r\n")
			.doesNotContain("Authorization");
		assertThat(request.form()).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope", "telemetry:write config:read")
			.containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		SignedJWT assertion = SignedJWT.parse(request.form().get("client_assertion"));
		assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("k1");
		assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("dev-1");
		assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("dev-1");
		assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(TOKEN_ENDPOINT.toString());
		assertThat(assertion.getJWTClaimsSet().getJWTID()).isEqualTo("run.3.0");
		assertThat(assertion.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
		assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(Instant.ofEpochSecond(1_800_000_060L));
	}

	@Test
	void writeTokenRequestWhenCalledAgainThenNewJtiAndStillValid() throws Exception {
		KeyPair keys = EcKeys.generate();
		LoadDevice device = new LoadDevice(record("dev-2", ClientAuthMethod.PRIVATE_KEY_JWT, keys), TOKEN_ENDPOINT, "");
		JtiSource jti = new JtiSource(JtiSource.newRunPrefix(), 0);

		SignedJWT first = SignedJWT.parse(write(device, jti, 1_800_000_000L).form().get("client_assertion"));
		SignedJWT second = SignedJWT.parse(write(device, jti, 1_800_000_000L).form().get("client_assertion"));

		assertThat(second.getJWTClaimsSet().getJWTID()).isNotEqualTo(first.getJWTClaimsSet().getJWTID());
		assertThat(second.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
	}

	@Test
	void writeTokenRequestWhenClientSecretJwtThenHs256AssertionVerifiesWithTheSecret() throws Exception {
		LoadDevice device = new LoadDevice(record("svc-1", ClientAuthMethod.CLIENT_SECRET_JWT, null), TOKEN_ENDPOINT, "");

		SignedJWT assertion = SignedJWT
			.parse(write(device, new JtiSource("r", 0), 1_800_000_000L).form().get("client_assertion"));

		assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
		assertThat(assertion.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
	}

	@Test
	void writeTokenRequestWhenClientSecretBasicThenFormEncodedCredentialsInBasicHeader() {
		LoadDevice device = new LoadDevice(record("dev:3", ClientAuthMethod.CLIENT_SECRET_BASIC, null), TOKEN_ENDPOINT, "");

		Request request = write(device, new JtiSource("r", 0), 1_800_000_000L);

		String basic = request.head().lines().filter((line) -> line.startsWith("Authorization: Basic ")).findFirst()
			.orElseThrow().substring("Authorization: Basic ".length());
		// RFC 6749 2.3.1: id and secret are form-urlencoded before Basic ("dev:3" -> "dev%3A3")
		assertThat(new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8)).isEqualTo("dev%3A3:" + SECRET);
		assertThat(request.form()).containsOnlyKeys("grant_type");
	}

	@Test
	void writeTokenRequestWhenDpopBindingThenFreshProofForThePostToTheTokenEndpoint() throws Exception {
		KeyPair dpopKey = EcKeys.generate();
		DeviceBinding binding = new DeviceBinding(Binding.DPOP, null, new DPoPProofs(dpopKey, EcdsaProvider.PROVIDER));
		LoadDevice device = new LoadDevice(new LoadSession.BoundDevice(
				record("dev-4", ClientAuthMethod.CLIENT_SECRET_BASIC, null), binding, null), TOKEN_ENDPOINT, "", null);

		Request first = write(device, new JtiSource("r", 0), 1_800_000_000L);
		Request second = write(device, new JtiSource("r", 0), 1_800_000_000L);

		SignedJWT proof = SignedJWT.parse(dpop(first));
		assertThat(proof.verify(new ECDSAVerifier((ECPublicKey) dpopKey.getPublic()))).isTrue();
		assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
		assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("POST");
		assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo(TOKEN_ENDPOINT.toString());
		assertThat(SignedJWT.parse(dpop(second)).getJWTClaimsSet().getJWTID())
			.isNotEqualTo(proof.getJWTClaimsSet().getJWTID());
		assertThat(first.form()).containsOnlyKeys("grant_type");
	}

	@Test
	void callRequestWhenDpopThenDpopSchemeAndProofWithAthElseBearer() throws Exception {
		KeyPair dpopKey = EcKeys.generate();
		DPoPProofs proofs = new DPoPProofs(dpopKey);
		CallRequest call = new CallRequest("GET", URI.create("https://localhost:18444/devices/d1/config?x=1"));
		AsciiBuffer request = new AsciiBuffer(16);

		call.write(request, "the.access.token", proofs);
		String dpop = request.toString();
		call.write(request, "the.access.token", null);
		String bearer = request.toString();

		assertThat(dpop).startsWith("GET /devices/d1/config?x=1 HTTP/1.1\r\n").contains("\r\nAuthorization: DPoP the.access.token\r\n")
			.endsWith("\r\n\r\n");
		SignedJWT proof = SignedJWT.parse(dpop.lines().filter((line) -> line.startsWith("DPoP: ")).findFirst()
			.orElseThrow().substring("DPoP: ".length()));
		assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo("https://localhost:18444/devices/d1/config");
		assertThat(proof.getJWTClaimsSet().getStringClaim("ath")).isNotBlank();
		assertThat(bearer).contains("\r\nAuthorization: Bearer the.access.token\r\n").doesNotContain("DPoP");
	}

	private static String dpop(Request request) {
		return request.head().lines().filter((line) -> line.startsWith("DPoP: ")).findFirst().orElseThrow()
			.substring("DPoP: ".length());
	}

	private static Request write(LoadDevice device, JtiSource jti, long now) {
		AsciiBuffer request = new AsciiBuffer(16);
		device.writeTokenRequest(request, new AsciiBuffer(16), jti, now);
		String text = request.toString();
		int split = text.indexOf("\r\n\r\n");
		String head = text.substring(0, split + 2);
		String body = text.substring(split + 4);
		String length = head.lines().filter((line) -> line.startsWith("Content-Length: ")).findFirst().orElseThrow();
		assertThat(Integer.parseInt(length.substring("Content-Length: ".length()))).isEqualTo(body.length());
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			String[] parts = pair.split("=", 2);
			form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return new Request(head, form);
	}

	private static DeviceRecord record(String id, ClientAuthMethod method, KeyPair keys) {
		return new DeviceRecord(id, method, "KF-SIM-1", (keys != null) ? "k1" : null,
				(keys != null) ? Pem.encodePrivateKey(keys.getPrivate()) : null, (keys == null) ? SECRET : null,
				List.of("telemetry:write"), List.of("https://localhost:8444"), Instant.now());
	}

	private record Request(String head, Map<String, String> form) {
	}

}
