package io.keyfleet.auth.client;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretsTests {

	@Test
	void generateWhenCalledThenHighEntropyAndUnique() {
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			secrets.add(ClientSecrets.generate());
		}
		assertThat(secrets).hasSize(1000).allSatisfy(s -> assertThat(s).matches("[A-Za-z0-9_-]{43}"));
	}

	@Test
	void matchesWhenSameSecretThenTrueAndOtherwiseFalse() {
		String secret = ClientSecrets.generate();
		String hash = ClientSecrets.hash(secret);

		assertThat(hash).startsWith("sha256:").doesNotContain(secret);
		assertThat(ClientSecrets.matches(secret, hash)).isTrue();
		assertThat(ClientSecrets.matches(secret + "x", hash)).isFalse();
		assertThat(ClientSecrets.matches(secret, "bcrypt:" + hash)).isFalse();
		assertThat(ClientSecrets.matches(secret, "sha256:%%%")).isFalse();
		assertThat(ClientSecrets.matches(null, hash)).isFalse();
	}

}
