package io.keyfleet.sim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rotate-key} against the real auth-server jar: a small fleet rotates every key
 * through the client configuration endpoint; afterwards assertions signed by the old keys
 * are refused and the new keys get tokens.
 */
class KeyRotationEndToEndIT {

	private static final int KEY_DEVICES = 4;

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static Path fleet;

	@BeforeAll
	static void startServerAndCreateFleet() throws Exception {
		server = AuthServerProcess.start("key-rotation-e2e");
		fleet = directory.resolve("fleet");
		create("private_key_jwt", KEY_DEVICES);
		create("client_secret_basic", 1);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void rotateKeyWhenFleetThenOldKeysRefusedAndNewKeysGetTokens() throws Exception {
		FleetStore store = new FleetStore(fleet);
		Map<String, DeviceRecord> before = new LinkedHashMap<>();
		store.loadAll().stream().filter(d -> d.keyId() != null).forEach(d -> before.put(d.id(), d));
		assertThat(before).hasSize(KEY_DEVICES);

		CommandRun run = CommandRun.execute("rotate-key", "--fleet", "--fleet-dir", fleet.toString(), "--json");

		assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
		JsonNode result = JsonOutput.parse(run.out());
		assertThat(result.get("rotated").asInt()).isEqualTo(KEY_DEVICES);
		assertThat(result.get("skipped").asInt()).isEqualTo(1);
		assertThat(result.get("failed").isEmpty()).isTrue();
		for (DeviceRecord old : before.values()) {
			DeviceRecord now = store.load(old.id());
			assertThat(now.keyId()).isNotEqualTo(old.keyId());
			assertThat(now.privateKeyPem()).isNotEqualTo(old.privateKeyPem());
			assertThat(Files.exists(fleet.resolve("devices").resolve(old.id() + ".next-key.pem"))).isFalse();

			CommandRun oldKey = token(old);
			assertThat(oldKey.exitCode()).as(oldKey.out()).isEqualTo(ExitCodes.OAUTH_ERROR);
			assertThat(oldKey.err()).contains("invalid_client");
			CommandRun newKey = CommandRun.execute("token", "--device", old.id(), "--fleet-dir", fleet.toString(), "--json");
			assertThat(newKey.exitCode()).as(newKey.err()).isEqualTo(ExitCodes.OK);
			assertThat(JsonOutput.parse(newKey.out()).get("claims").get("sub").asString()).isEqualTo(old.id());
		}
	}

	@Test
	void rotateKeyWhenAPendingKeyIsLeftFromAnInterruptedRunThenThatKeyIsTheOneRegistered() throws Exception {
		FleetStore store = new FleetStore(fleet);
		String id = store.loadAll().stream().filter(d -> d.keyId() != null).findFirst().orElseThrow().id();
		java.security.KeyPair pending = EcKeys.generate();
		Files.writeString(store.sidecar(id, ".next-key.pem"), Pem.encodePrivateKey(pending.getPrivate()),
				StandardCharsets.US_ASCII);
		String pendingKid = EcKeys.publicJwk((java.security.interfaces.ECPublicKey) pending.getPublic()).getKeyID();

		CommandRun run = CommandRun.execute("rotate-key", id, "--fleet-dir", fleet.toString(), "--json");

		assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
		assertThat(JsonOutput.parse(run.out()).get("devices").get(0).get("new_kid").asString()).isEqualTo(pendingKid);
		assertThat(store.load(id).keyId()).isEqualTo(pendingKid);
	}

	private static CommandRun token(DeviceRecord old) throws Exception {
		Path key = directory.resolve(old.id() + ".old.pem");
		Files.writeString(key, old.privateKeyPem(), StandardCharsets.US_ASCII);
		return CommandRun.execute("token", "--server", server.issuer(), "--ca-file", server.caFile().toString(),
				"--client-id", old.id(), "--key", key.toString(), "--kid", old.keyId());
	}

	private static void create(String method, int devices) {
		CommandRun run = CommandRun.execute("fleet", "create", "--server", server.issuer(), "--ca-file",
				server.caFile().toString(), "--admin-client-file", server.adminClientFile().toString(), "--fleet-dir",
				fleet.toString(), "--devices", String.valueOf(devices), "--auth", method, "--id-prefix",
				"rot-" + method.substring(0, 6) + "-" + FleetCreateCommand.randomSuffix(), "--json");
		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
	}

}
