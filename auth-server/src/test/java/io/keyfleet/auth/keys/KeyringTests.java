package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The keyring's transitions, without Redis: what rotation and revocation leave behind. */
class KeyringTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration RETENTION = Duration.ofMinutes(6);

	private final SoftwareKeyVault vault = new SoftwareKeyVault(
			KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64()));

	@Test
	void seedWhenNewThenConfiguredKeyActiveAndNextPublishedAhead() {
		KeyringEntry configured = this.vault.seed(TestRotations.newKeyPair(), T0);
		KeyringEntry next = this.vault.generate(T0);

		Keyring ring = Keyring.seed(configured, next, T0);

		assertThat(ring.version()).isEqualTo(1);
		assertThat(ring.active().kid()).isEqualTo(configured.kid());
		assertThat(ring.active().activatedAt()).isEqualTo(T0);
		assertThat(ring.published(T0)).extracting(KeyringEntry::kid).containsExactly(configured.kid(), next.kid());
	}

	@Test
	void rotateWhenNextExistsThenNextActiveOldRetiredUntilRetentionAndNewNext() {
		Keyring ring = seeded();
		String oldActive = ring.active().kid();
		String oldNext = ring.next().orElseThrow().kid();
		KeyringEntry newNext = this.vault.generate(T0.plusSeconds(60));

		Keyring rotated = ring.rotate(newNext, T0.plusSeconds(60), RETENTION);

		assertThat(rotated.version()).isEqualTo(2);
		assertThat(rotated.active().kid()).isEqualTo(oldNext);
		assertThat(rotated.next()).contains(newNext);
		KeyringEntry retired = rotated.byKid(oldActive).orElseThrow();
		assertThat(retired.state()).isEqualTo(KeyState.RETIRED);
		assertThat(retired.publishedUntil()).isEqualTo(T0.plusSeconds(60).plus(RETENTION));
		assertThat(rotated.published(T0.plusSeconds(60))).extracting(KeyringEntry::kid)
			.containsExactly(oldNext, newNext.kid(), oldActive);
	}

	@Test
	void publishedWhenRetiredKeyPastPublishedUntilThenNotListedAndRemovableAfterGrace() {
		Keyring rotated = seeded().rotate(this.vault.generate(T0), T0, RETENTION);
		String retired = rotated.entries().stream().filter(e -> e.state() == KeyState.RETIRED).findFirst().orElseThrow().kid();
		Instant until = T0.plus(RETENTION);

		assertThat(rotated.published(until.minusMillis(1))).extracting(KeyringEntry::kid).contains(retired);
		assertThat(rotated.published(until)).extracting(KeyringEntry::kid).doesNotContain(retired);
		assertThat(rotated.removable(until, Duration.ofMinutes(1))).isEmpty();
		assertThat(rotated.removable(until.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1)))
			.extracting(KeyringEntry::kid)
			.containsExactly(retired);
	}

	@Test
	void revokeWhenActiveThenNextTakesOverAtOnceAndRevokedNotPublished() {
		Keyring ring = seeded();
		String active = ring.active().kid();
		String next = ring.next().orElseThrow().kid();
		KeyringEntry newNext = this.vault.generate(T0);

		Keyring revoked = ring.revoke(active, newNext, T0);

		assertThat(revoked.active().kid()).isEqualTo(next);
		assertThat(revoked.next()).contains(newNext);
		assertThat(revoked.byKid(active).orElseThrow().state()).isEqualTo(KeyState.REVOKED);
		assertThat(revoked.published(T0)).extracting(KeyringEntry::kid).containsExactly(next, newNext.kid());
	}

	@Test
	void revokeWhenActiveAndNoNextThenNewKeyTakesOver() {
		KeyringEntry configured = this.vault.seed(TestRotations.newKeyPair(), T0).activated(T0);
		Keyring ring = new Keyring(1, List.of(configured));
		KeyringEntry replacement = this.vault.generate(T0);

		Keyring revoked = ring.revoke(configured.kid(), replacement, T0);

		assertThat(revoked.active().kid()).isEqualTo(replacement.kid());
		assertThat(revoked.next()).isEmpty();
	}

	@Test
	void revokeWhenNextThenReplacedByNewNext() {
		Keyring ring = seeded();
		String next = ring.next().orElseThrow().kid();
		KeyringEntry newNext = this.vault.generate(T0);

		Keyring revoked = ring.revoke(next, newNext, T0);

		assertThat(revoked.active().kid()).isEqualTo(ring.active().kid());
		assertThat(revoked.next()).contains(newNext);
		assertThat(revoked.published(T0)).extracting(KeyringEntry::kid).doesNotContain(next);
	}

	@Test
	void rotateWhenNoNextThenRefused() {
		KeyringEntry configured = this.vault.seed(TestRotations.newKeyPair(), T0).activated(T0);
		Keyring ring = new Keyring(1, List.of(configured));

		assertThatIllegalStateException().isThrownBy(() -> ring.rotate(this.vault.generate(T0), T0, RETENTION));
	}

	@Test
	void constructorWhenTwoActiveKeysThenRefused() {
		KeyringEntry a = this.vault.generate(T0).activated(T0);
		KeyringEntry b = this.vault.generate(T0).activated(T0);

		assertThatIllegalArgumentException().isThrownBy(() -> new Keyring(1, List.of(a, b)));
	}

	@Test
	void jsonWhenWrittenAndReadThenSameKeyringAndNoPrivateKeyInClear() {
		Keyring ring = seeded().rotate(this.vault.generate(T0), T0, RETENTION);

		String json = KeyringJson.write(ring);

		assertThat(KeyringJson.read(json)).isEqualTo(ring);
		assertThat(json).doesNotContain("PRIVATE KEY").doesNotContain("\"d\"");
	}

	private Keyring seeded() {
		return Keyring.seed(this.vault.seed(TestRotations.newKeyPair(), T0), this.vault.generate(T0), T0);
	}

}
