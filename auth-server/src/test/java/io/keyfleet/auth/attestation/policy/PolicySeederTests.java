package io.keyfleet.auth.attestation.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keyfleet.auth.attestation.TpmFixtures;
import io.keyfleet.auth.support.TestRedis;

import static io.keyfleet.auth.attestation.policy.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Appraisal policies (the reference values of RFC 9334 §3.3) seeded at start from a folder
 * of files into the real (shared) Redis, under this JVM's test key prefix: every file is
 * checked before anything is stored, a bad file stops the start naming the file and every
 * bad field, and a model that already has a policy keeps it (SET NX).
 */
class PolicySeederTests {

	/** The policies the server ships with, relative to the module. */
	private static final Path SHIPPED = Path.of("../config/policies");

	@TempDir
	Path folder;

	private AppraisalPolicyStore store;

	@BeforeEach
	void newStore() {
		// a prefix per test: the models of one test are never seen by another
		this.store = new AppraisalPolicyStore(TestRedis.stateStore("policy-seeder"));
	}

	@Test
	void seedWhenFilesValidThenEveryPolicyStoredInNormalForm() throws IOException {
		write("edge.json", policy("KF-EDGE-100").set("tpm2_quote.pcrs.sha256.7", "7F".repeat(32)).json());
		write("sim.json", policy("KF-SIM-1").set("max_age_seconds", 0).json());

		assertThat(seeder().seed(this.folder)).isEqualTo(2);

		assertThat(this.store.get("KF-EDGE-100")).get()
			.isEqualTo(AppraisalPolicyJson.read(policy("KF-EDGE-100").json(), null));
		assertThat(this.store.get("KF-SIM-1").orElseThrow().maxAge()).isZero();
	}

	@Test
	void seedWhenModelAlreadyHasAPolicyThenItIsKept() throws IOException {
		AppraisalPolicy managed = AppraisalPolicyJson.read(policy("KF-EDGE-100").set("eat.min_swversion", "2.5.0").json(),
				null);
		this.store.put(managed);
		write("edge.json", policy("KF-EDGE-100").json());
		write("sim.json", policy("KF-SIM-1").json());

		assertThat(seeder().seed(this.folder)).isEqualTo(1);

		assertThat(this.store.get("KF-EDGE-100")).contains(managed);
		assertThat(this.store.get("KF-SIM-1")).isPresent();
	}

	@Test
	void seedWhenRunAgainThenNothingStored() throws IOException {
		write("edge.json", policy("KF-EDGE-100").json());
		assertThat(seeder().seed(this.folder)).isEqualTo(1);

		write("edge.json", policy("KF-EDGE-100").set("max_age_seconds", 60).json());

		assertThat(seeder().seed(this.folder)).isZero();
		assertThat(this.store.get("KF-EDGE-100").orElseThrow().maxAge()).isEqualTo(3600);
	}

	@Test
	void seedWhenOtherFilesInFolderThenOnlyJsonRead() throws IOException {
		write("edge.json", policy("KF-EDGE-100").json());
		write("README.md", "# policies");
		write("edge.json.bak", "{ not json");

		assertThat(seeder().seed(this.folder)).isEqualTo(1);
	}

	@Test
	void seedWhenFolderEmptyThenNothingStored() {
		assertThat(seeder().seed(this.folder)).isZero();
	}

	@Test
	void seedWhenOneFileInvalidThenStartFailsNamingFileAndEveryBadFieldAndNothingStored() throws IOException {
		write("a-edge.json", policy("KF-EDGE-100").json());
		write("b-sim.json", policy("KF-SIM-1").set("max_age_seconds", -1)
			.set("eat.measurements.kernel", List.of("sha-256:abc"))
			.set("tpm2_quote.pcrs.sha256.24", TestPolicies.PCR0)
			.json());

		assertThatIllegalStateException().isThrownBy(() -> seeder().seed(this.folder))
			.withMessageContaining(this.folder.resolve("b-sim.json") + ": max_age_seconds ")
			.withMessageContaining(this.folder.resolve("b-sim.json") + ": eat.measurements.kernel ")
			.withMessageContaining(this.folder.resolve("b-sim.json") + ": tpm2_quote.pcrs.sha256.24 ")
			.withMessageNotContaining("a-edge.json");

		// checked before anything is stored: not even the valid file's model
		assertThat(this.store.get("KF-EDGE-100")).isEmpty();
		assertThat(this.store.get("KF-SIM-1")).isEmpty();
	}

	@Test
	void seedWhenSeveralFilesInvalidThenEveryFileNamed() throws IOException {
		write("edge.json", policy("KF-EDGE-100").set("eat.require_secure_boot", true).json());
		write("sim.json", "{\"model\": \"KF-SIM-1\"");

		assertThatIllegalStateException().isThrownBy(() -> seeder().seed(this.folder))
			.withMessageContaining(this.folder.resolve("edge.json") + ": eat.require_secure_boot unknown field")
			.withMessageContaining(this.folder.resolve("sim.json") + ": body is not valid JSON");
	}

	@Test
	void seedWhenTwoFilesForOneModelThenStartFailsNamingBoth() throws IOException {
		write("edge-1.json", policy("KF-EDGE-100").json());
		write("edge-2.json", policy("KF-EDGE-100").set("max_age_seconds", 60).json());

		assertThatIllegalStateException().isThrownBy(() -> seeder().seed(this.folder))
			.withMessageContaining(this.folder.resolve("edge-2.json") + ": model KF-EDGE-100 already has a policy in "
					+ this.folder.resolve("edge-1.json"));
		assertThat(this.store.get("KF-EDGE-100")).isEmpty();
	}

	@Test
	void seedWhenFolderMissingThenStartFails() {
		Path missing = this.folder.resolve("nowhere");
		assertThatIllegalStateException().isThrownBy(() -> seeder().seed(missing))
			.withMessageContaining(missing.toString());
	}

	@Test
	void readWhenShippedPoliciesThenEveryOneValid() {
		List<AppraisalPolicy> shipped = PolicySeeder.read(SHIPPED);

		assertThat(shipped).extracting(AppraisalPolicy::model).containsExactlyInAnyOrder("KF-EDGE-100", "KF-SIM-1");
		assertThat(shipped).allSatisfy(policy -> {
			assertThat(policy.eat()).isNotNull();
			assertThat(policy.tpm2Quote()).isNotNull();
		});
	}

	@Test
	void readWhenShippedTpmReferenceValuesThenTheGoldenPcrsOfTheRealQuotes() {
		// the PCRs the swtpm fixtures were quoted with (shared/fixtures/tpm) are what the
		// shipped policies expect: a real quote of a healthy device would be affirmed
		AppraisalPolicy golden = AppraisalPolicyJson.read(
				AppraisalPolicyJson.write(TpmFixtures.goldenPolicy("KF-EDGE-100")), null);
		assertThat(PolicySeeder.read(SHIPPED)).allSatisfy(
				policy -> assertThat(policy.tpm2Quote()).as(policy.model()).isEqualTo(golden.tpm2Quote()));
	}

	private PolicySeeder seeder() {
		return new PolicySeeder(this.store);
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.folder.resolve(name), content);
	}

}
