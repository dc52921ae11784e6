package io.keyfleet.sim.fleet;

import java.util.List;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.JsonOutput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NdjsonBatchTests {

	private final DeviceTemplate template = new DeviceTemplate(ClientAuthMethod.PRIVATE_KEY_JWT, "KF-SIM-1",
			List.of("telemetry:write"), List.of("https://localhost:8444"));

	@Test
	void sizesWhenTotalNotAMultipleThenLastBatchSmaller() {
		assertThat(NdjsonBatch.sizes(2500, 1000)).containsExactly(1000, 1000, 500);
		assertThat(NdjsonBatch.sizes(1000, 1000)).containsExactly(1000);
		assertThat(NdjsonBatch.sizes(0, 1000)).isEmpty();
		assertThat(NdjsonBatch.sizes(10_000, 1000)).hasSize(10).allMatch((size) -> size == 1000);
	}

	@Test
	void sizesWhenBatchSizeNotPositiveThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> NdjsonBatch.sizes(10, 0));
	}

	@Test
	void bodyWhenRegistrationsThenOneCompactJsonObjectPerLine() {
		NdjsonBatch batch = new NdjsonBatch();
		assertThat(batch.add(this.template.registration("dev-1", EcKeys.generate()))).isEqualTo(1);
		assertThat(batch.add(this.template.registration("dev-2\nx", EcKeys.generate()))).isEqualTo(2);

		String body = batch.body();
		assertThat(body).endsWith("\n");
		List<String> lines = body.lines().toList();
		assertThat(lines).hasSize(2);
		JsonNode first = JsonOutput.parse(lines.get(0));
		assertThat(first.get("id").asString()).isEqualTo("dev-1");
		assertThat(first.get("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
		assertThat(first.get("jwks").get("keys").get(0).get("kty").asString()).isEqualTo("EC");
		assertThat(first.get("jwks").get("keys").get(0).has("d")).as("no private part").isFalse();
		assertThat(JsonOutput.parse(lines.get(1)).get("id").asString()).isEqualTo("dev-2\nx");
	}

	@Test
	void idAtLineWhenServerReportsALineThenTheDeviceOnIt() {
		NdjsonBatch batch = new NdjsonBatch();
		batch.add(this.template.registration("dev-1", EcKeys.generate()));
		batch.add(this.template.registration("dev-2", EcKeys.generate()));

		assertThat(batch.idAtLine(2)).isEqualTo("dev-2");
		assertThat(batch.ids()).containsExactly("dev-1", "dev-2");
		assertThatIllegalArgumentException().isThrownBy(() -> batch.idAtLine(3));
		assertThatIllegalArgumentException().isThrownBy(() -> batch.idAtLine(0));
	}

	@Test
	void registrationWhenSecretMethodThenNoJwks() {
		DeviceTemplate basic = new DeviceTemplate(ClientAuthMethod.CLIENT_SECRET_BASIC, "KF-SIM-1", List.of(),
				List.of("https://localhost:8444"));

		JsonNode registration = basic.registration("dev-1", null);

		assertThat(registration.has("jwks")).isFalse();
		assertThat(registration.get("allowed_resources").get(0).asString()).isEqualTo("https://localhost:8444");
	}

}
