package io.keyfleet.auth.keys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyEncryptionKeyTests {

	private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());

	@Test
	void decryptWhenEncryptedForTheSameClientThenPlaintext() {
		String sealed = this.kek.encrypt("hmac-key", "dev-1");

		assertThat(sealed).startsWith("v1." + this.kek.id() + ".").doesNotContain("hmac-key");
		assertThat(this.kek.decrypt(sealed, "dev-1")).isEqualTo("hmac-key");
	}

	@Test
	void decryptWhenBoundToAnotherClientThenRefused() {
		String sealed = this.kek.encrypt("hmac-key", "dev-1");

		assertThatIllegalArgumentException().isThrownBy(() -> this.kek.decrypt(sealed, "dev-2"));
	}

	@Test
	void decryptWhenTamperedOrOtherKeyThenRefused() {
		String sealed = this.kek.encrypt("hmac-key", "dev-1");
		char last = sealed.charAt(sealed.length() - 1);
		String tampered = sealed.substring(0, sealed.length() - 1) + ((last == 'A') ? 'B' : 'A');
		KeyEncryptionKey other = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());

		assertThatIllegalArgumentException().isThrownBy(() -> this.kek.decrypt(tampered, "dev-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> other.decrypt(sealed, "dev-1"));
	}

	@Test
	void constructorWhenKeyNot256BitsThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyEncryptionKey(new byte[16]));
	}

}
