package io.keyfleet.sim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keyfleet-sim keygen} with real keys: the written private key and the printed
 * public JWK must be the two halves of one key pair.
 */
class KeygenCommandTests {

	@TempDir
	Path directory;

	@Test
	void keygenWhenOutGivenThenOwnerOnlyKeyWhosePrintedJwkVerifiesItsSignature() throws Exception {
		Path keyFile = this.directory.resolve("fleet/dev-0001.pem");

		CommandRun run = CommandRun.execute("keygen", "--out", keyFile.toString());

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		assertThat(Files.readString(keyFile, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(run.err()).contains("rw-------").contains(keyFile.toString());
		ECKey publicJwk = JWK.parse(run.out()).toECKey();
		assertThat(publicJwk.isPrivate()).isFalse();
		assertThat(publicJwk.getKeyID()).isEqualTo(publicJwk.computeThumbprint().toString());
		assertThat(publicJwk.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);

		ECPrivateKey privateKey = Pem.readEcPrivateKey(keyFile);
		JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("proof of possession"));
		signed.sign(new ECDSASigner(privateKey));
		assertThat(JWSObject.parse(signed.serialize()).verify(new ECDSAVerifier(publicJwk))).isTrue();
	}

	@Test
	void keygenWhenJsonThenPrintsKeyFileKidAndPublicJwk() throws Exception {
		Path keyFile = this.directory.resolve("dev-0002.pem");

		CommandRun run = CommandRun.execute("keygen", "--out", keyFile.toString(), "--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(run.out().lines()).hasSize(1);
		JsonNode result = JsonOutput.parse(run.out());
		assertThat(result.get("private_key_file").asString()).isEqualTo(keyFile.toString());
		ECKey publicJwk = ECKey.parse(JsonOutput.compact(result.get("public_jwk")));
		assertThat(result.get("kid").asString()).isEqualTo(publicJwk.getKeyID())
			.isEqualTo(publicJwk.computeThumbprint().toString());
		assertThat(publicJwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(run.out()).doesNotContain("\"d\"");
	}

	@Test
	void keygenWhenFileExistsThenRefusesWithoutForce() throws Exception {
		Path keyFile = this.directory.resolve("existing.pem");
		Files.writeString(keyFile, "keep me");

		CommandRun run = CommandRun.execute("keygen", "--out", keyFile.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err()).contains("already exists; pass --force");
		assertThat(Files.readString(keyFile)).isEqualTo("keep me");
	}

	@Test
	void keygenWhenFileExistsAndForceThenReplacedOwnerOnly() throws Exception {
		Path keyFile = this.directory.resolve("replaced.pem");
		Files.writeString(keyFile, "old");
		Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

		CommandRun run = CommandRun.execute("keygen", "--out", keyFile.toString(), "--force");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(Pem.readEcPrivateKey(keyFile)).isNotNull();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		try (var listing = Files.list(this.directory)) {
			assertThat(listing).containsExactly(keyFile);
		}
	}

}
