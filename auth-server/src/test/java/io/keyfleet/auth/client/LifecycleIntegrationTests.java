package io.keyfleet.auth.client;

import java.util.List;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.AuditCapture;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status machine of CONTRACT "Provisioning, lifecycle and anomalies" through the real
 * server: only {@code active} devices get tokens (every other status: {@code 401
 * invalid_client}), a token from before a transition out of {@code active} fails the
 * standing check that the admin API, the client configuration endpoint and resource guards
 * share, disallowed transitions are {@code 409}, and every transition is audited.
 */
class LifecycleIntegrationTests {

	private final Harness harness = Harness.shared();

	@ParameterizedTest
	@EnumSource(value = ClientStatus.class, names = { "PENDING", "SUSPENDED", "QUARANTINED", "RETIRED" })
	void tokenWhenDeviceNotActiveThenInvalidClientAndItsStandingSaysSo(ClientStatus status) throws Exception {
		Device device = device();
		String before = device.issuerToken();

		enter(device.id(), status);

		TokenResponse refused = this.harness.oauth().token(device.auth());
		assertThat(refused.indicatesSuccess()).isFalse();
		assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(refused.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
		assertThat(standing(device.id()).get("status").asString()).isEqualTo(status.wireName());
		// the standing check: the token issued while active is refused from now on
		Http.Response late = this.harness.http().get("/oauth2/register/" + device.id(), before);
		assertThat(late.status()).isEqualTo(401);
		assertThat(late.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
	}

	@Test
	void transitionsWhenSuspendResumeRetireThenEachAuditedAndTokensFollowTheStatus() throws Exception {
		Device device = device();
		try (AuditCapture audit = AuditCapture.start()) {
			assertThat(action(device.id(), "suspend")).isEqualTo(204);
			assertThat(this.harness.oauth().token(device.auth()).indicatesSuccess()).isFalse();
			assertThat(action(device.id(), "resume")).isEqualTo(204);
			assertThat(this.harness.oauth().token(device.auth()).indicatesSuccess()).isTrue();
			assertThat(this.harness.http().delete("/api/v1/devices/" + device.id(), this.harness.admin()).status())
				.isEqualTo(204);

			assertThat(audit.lines("target=" + device.id())).containsSubsequence(
					"admin.suspend actor=" + adminId() + " target=" + device.id() + " outcome=ok",
					"admin.resume actor=" + adminId() + " target=" + device.id() + " outcome=ok",
					"admin.retire actor=" + adminId() + " target=" + device.id() + " outcome=ok");
		}
		assertThat(this.harness.http().get("/api/v1/devices/" + device.id(), this.harness.admin()).json().get("status")
			.asString()).isEqualTo("retired");
	}

	@Test
	void transitionsWhenNotAllowedThenConflictAndAuditedAsSuch() throws Exception {
		Device quarantined = device();
		enter(quarantined.id(), ClientStatus.QUARANTINED);
		Device pending = device();
		enter(pending.id(), ClientStatus.PENDING);
		Device active = device();
		Device retired = device();
		enter(retired.id(), ClientStatus.RETIRED);

		try (AuditCapture audit = AuditCapture.start()) {
			// quarantine is left only by resume (or for good, by retire)
			assertThat(action(quarantined.id(), "suspend")).isEqualTo(409);
			assertThat(action(pending.id(), "suspend")).isEqualTo(409);
			assertThat(action(pending.id(), "resume")).isEqualTo(409);
			assertThat(action(active.id(), "approve")).isEqualTo(409);
			assertThat(action(retired.id(), "resume")).isEqualTo(409);
			assertThat(action(retired.id(), "suspend")).isEqualTo(409);
			assertThat(action(retired.id(), "approve")).isEqualTo(409);
			assertThat(this.harness.http()
				.patch("/api/v1/devices/" + retired.id(), this.harness.admin(), "application/merge-patch+json",
						"{\"model\":\"KF-OTHER\"}")
				.status()).isEqualTo(409);

			assertThat(audit.lines("target=" + quarantined.id())).containsExactly(
					"admin.suspend actor=" + adminId() + " target=" + quarantined.id() + " outcome=conflict");
		}
		assertThat(status(quarantined.id())).isEqualTo("quarantined");
		// the allowed twins
		assertThat(action(quarantined.id(), "resume")).isEqualTo(204);
		assertThat(action(pending.id(), "approve")).isEqualTo(204);
		assertThat(status(pending.id())).isEqualTo("active");
		assertThat(this.harness.http().delete("/api/v1/devices/" + quarantined.id(), this.harness.admin()).status())
			.isEqualTo(204);
	}

	// --- helpers ---

	private Device device() {
		String id = TestDevices.newId("life");
		JsonNode registered = TestDevices.register(this.harness.http(), this.harness.admin(),
				TestDevices.standard(id, "client_secret_basic", null));
		return new Device(id, registered.get("client_secret").asString(), this.harness);
	}

	/**
	 * Puts a device in a status: through the admin API where an action leads there, else
	 * (pending: only just-in-time registration; quarantined: only the anomaly response)
	 * written to the registry, as those would.
	 */
	private void enter(String id, ClientStatus status) {
		switch (status) {
			case SUSPENDED -> assertThat(action(id, "suspend")).isEqualTo(204);
			case RETIRED -> assertThat(this.harness.http().delete("/api/v1/devices/" + id, this.harness.admin()).status())
				.isEqualTo(204);
			default -> {
				ClientRegistry registry = this.harness.server().context().getBean(ClientRegistry.class);
				registry.update(id, r -> r.withStatus(status, registry.clock().instant()));
			}
		}
	}

	private int action(String id, String action) {
		return this.harness.http().post("/api/v1/devices/" + id + "/" + action, this.harness.admin(), null, "").status();
	}

	private String status(String id) {
		return this.harness.http().get("/api/v1/devices/" + id, this.harness.admin()).json().get("status").asString();
	}

	private String adminId() throws Exception {
		return com.nimbusds.jwt.SignedJWT.parse(this.harness.admin()).getJWTClaimsSet().getStringClaim("client_id");
	}

	private static JsonNode standing(String id) {
		RedisClient client = RedisClient.create(TestRedis.url());
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			return Http.JSON.readTree(redis.sync().get(TestRedis.prefix() + "{registry}:standing:" + id));
		}
		finally {
			client.shutdown();
		}
	}

	private record Device(String id, String secret, Harness harness) {

		ClientSecretBasic auth() {
			return new ClientSecretBasic(new ClientID(this.id), new Secret(this.secret));
		}

		/** A token for the issuer: what the client configuration endpoint accepts. */
		String issuerToken() {
			TokenResponse response = this.harness.oauth().token(auth(), null, List.of(this.harness.server().issuer()));
			assertThat(response.indicatesSuccess()).isTrue();
			return response.toSuccessResponse().getTokens().getAccessToken().getValue();
		}

	}

}
