package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.util.BigIntegerUtils;

import org.junit.jupiter.api.Test;

import io.keyfleet.auth.keys.TestRotations.Deployment;
import io.keyfleet.auth.support.MovableClock;

/**
 * The keyring in the real test Redis, with several "nodes" (one {@link KeyRotation} each)
 * sharing it: bootstrap, compare-and-set rotation, the publish-ahead rule, retirement and
 * removal, keys sealed at rest.
 */
class KeyRotationIntegrationTests {

	private final MovableClock clock = MovableClock.startingNow();

	@Test
	void startWhenNoKeyringThenConfiguredKeySignsAndNextIsPublished() {
		Deployment deployment = TestRotations.deployment("bootstrap");

		SigningKeys keys = deployment.node(this.clock).start();

		assertThat(keys.active().kid()).isEqualTo(SigningKey.of(deployment.configured()).kid());
		assertThat(keys.published()).hasSize(2).first().isSameAs(keys.active());
		Keyring stored = deployment.keyring().read().orElseThrow();
		assertThat(stored.version()).isEqualTo(1);
		assertThat(stored.active().seeded()).isTrue();
		assertThat(new PublishedJwkSource(keys).get(new JWKSelector(new JWKMatcher.Builder().build()), null))
			.allSatisfy(jwk -> {
				assertThat(jwk.getKeyID()).isNotBlank();
				assertThat(jwk.getKeyUse().identifier()).isEqualTo("sig");
				assertThat(jwk.getAlgorithm().getName()).isEqualTo("ES256");
				assertThat(jwk.isPrivate()).isFalse();
			});
	}

	@Test
	void startWhenTwoNodesStartTogetherThenOneSeedsAndBothAgree() throws Exception {
		Deployment deployment = TestRotations.deployment("bootstrap-race");
		KeyRotation a = deployment.node(this.clock);
		KeyRotation b = deployment.node(this.clock);

		List<SigningKeys> started = together(a::start, b::start);

		assertThat(deployment.keyring().read().orElseThrow().version()).isEqualTo(1);
		assertThat(started.get(0).active().kid()).isEqualTo(started.get(1).active().kid());
		assertThat(kids(started.get(0))).isEqualTo(kids(started.get(1)));
	}

	@Test
	void startWhenKeyringExistsThenAdoptedNotReseeded() {
		Deployment deployment = TestRotations.deployment("adopt");
		KeyRotation first = deployment.node(this.clock);
		first.start();
		first.rotate(true, "admin");

		// a node configured with another key file joins: the keyring decides
		KeyRotation joining = deployment.node(KeyVault.sealed(deployment.kek(), TestRotations.newKeyPair()), this.clock);
		SigningKeys keys = joining.start();

		assertThat(keys.active().kid()).isEqualTo(first.keyring().active().kid());
		assertThat(first.keyring().version()).isEqualTo(2);
	}

	@Test
	void startWhenKeyringSealedUnderAnotherKekThenFailsClosed() {
		Deployment deployment = TestRotations.deployment("other-kek");
		deployment.node(this.clock).start();
		KeyEncryptionKey otherKek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> deployment.node(KeyVault.sealed(otherKek, deployment.configured()), this.clock).start())
			.withMessageContaining("does not decrypt with keyfleet.keys.kek");
	}

	@Test
	void rotateWhenTwoNodesRotateAtOnceThenExactlyOneRotation() throws Exception {
		Deployment deployment = TestRotations.deployment("rotate-race");
		KeyRotation a = deployment.node(this.clock);
		KeyRotation b = deployment.node(this.clock);
		a.start();
		b.start();
		for (int round = 0; round < 5; round++) {
			Keyring seen = deployment.keyring().read().orElseThrow();
			long before = seen.version();

			List<Object> outcomes = together(() -> attempt(a, seen), () -> attempt(b, seen));

			assertThat(outcomes).filteredOn(o -> o instanceof Keyring).hasSize(1);
			assertThat(outcomes).filteredOn(o -> o instanceof KeyringConflictException).hasSize(1);
			Keyring after = deployment.keyring().read().orElseThrow();
			assertThat(after.version()).isEqualTo(before + 1);
			assertThat(after.entries().stream().filter(e -> e.state() == KeyState.NEXT)).hasSize(1);
		}
	}

	@Test
	void rotateWhenNextPublishedLessThanPublishAheadThenRefusedUnlessForced() {
		Deployment deployment = TestRotations.deployment("publish-ahead");
		KeyRotation node = deployment.node(this.clock);
		node.start();
		this.clock.advance(Duration.ofMinutes(14));

		assertThatExceptionOfType(KeyringConflictException.class).isThrownBy(() -> node.rotate(false, "admin"))
			.withMessageContaining("publish-ahead");
		assertThat(node.keyring().version()).isEqualTo(1);

		Keyring forced = node.rotate(true, "admin");
		assertThat(forced.version()).isEqualTo(2);

		this.clock.advance(Duration.ofMinutes(15));
		assertThat(node.rotate(false, "admin").version()).isEqualTo(3);
	}

	@Test
	void rotateThenNewActiveSignsAndRetiredStaysPublishedUntilPublishedUntilThenIsRemoved() {
		Deployment deployment = TestRotations.deployment("retire");
		KeyRotation node = deployment.node(this.clock);
		SigningKeys keys = node.start();
		String oldActive = keys.active().kid();
		String next = node.keyring().next().orElseThrow().kid();

		node.rotate(true, "admin");

		assertThat(keys.active().kid()).isEqualTo(next);
		assertThat(kids(keys)).contains(oldActive);
		ScheduledRotation scheduled = new ScheduledRotation(node);
		this.clock.advance(TestRotations.RETENTION.minusSeconds(1));
		scheduled.run();
		assertThat(kids(keys)).contains(oldActive);
		assertThat(keys.byKid(oldActive)).isPresent();

		this.clock.advance(Duration.ofSeconds(1));
		scheduled.run();
		assertThat(kids(keys)).doesNotContain(oldActive);
		assertThat(node.keyring().byKid(oldActive)).as("kept one check interval longer").isPresent();

		this.clock.advance(node.properties().checkInterval());
		scheduled.run();
		assertThat(node.keyring().byKid(oldActive)).isEmpty();
		assertThat(deployment.storedJson()).doesNotContain(oldActive);
	}

	@Test
	void scheduledWhenPeriodElapsedThenEveryNodeRunsItAndItRotatesOnce() {
		Deployment deployment = TestRotations.deployment("scheduled");
		KeyRotation a = deployment.node(this.clock);
		KeyRotation b = deployment.node(this.clock);
		SigningKeys keysOfA = a.start();
		SigningKeys keysOfB = b.start();
		String next = a.keyring().next().orElseThrow().kid();
		this.clock.advance(Duration.ofDays(30));

		new ScheduledRotation(a).run();
		new ScheduledRotation(b).run();

		assertThat(a.keyring().version()).isEqualTo(2);
		assertThat(keysOfA.active().kid()).isEqualTo(next);
		assertThat(keysOfB.active().kid()).isEqualTo(next);
	}

	@Test
	void keyringWhenRedisLostItThenANodeWritesBackTheKeysItSignsWithAndANewNodeAdoptsThem() {
		Deployment deployment = TestRotations.deployment("lost");
		KeyRotation a = deployment.node(this.clock);
		SigningKeys keysOfA = a.start();
		a.rotate(true, "test");
		List<String> before = kids(keysOfA);
		deployment.store().await(deployment.store().async().del(deployment.keyring().key()));

		new ScheduledRotation(a).run();
		SigningKeys keysOfLater = deployment.node(this.clock).start();

		assertThat(deployment.keyring().read().orElseThrow().version()).isEqualTo(2);
		assertThat(kids(keysOfA)).isEqualTo(before);
		assertThat(kids(keysOfLater)).isEqualTo(before);
		assertThat(keysOfLater.active().kid()).isEqualTo(keysOfA.active().kid());
	}

	@Test
	void storedWhenSealedThenRedisValueHoldsNoPrivateKeyInClear() throws Exception {
		Deployment deployment = TestRotations.deployment("at-rest");
		deployment.node(this.clock).start();

		String json = deployment.storedJson();

		byte[] pkcs8 = deployment.configured().getPrivate().getEncoded();
		assertThat(json).doesNotContain(Base64.getEncoder().encodeToString(pkcs8))
			.doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(pkcs8))
			.doesNotContain("PRIVATE KEY")
			.doesNotContain("\"d\"")
			.contains("\"encrypted_private_key\":\"v1." + deployment.kek().id() + ".");
		ECPrivateKey ec = (ECPrivateKey) deployment.configured()
			.getPrivate();
		String d = Base64.getUrlEncoder().withoutPadding().encodeToString(
				BigIntegerUtils.toBytesUnsigned(ec.getS()));
		assertThat(json).doesNotContain(d);
	}

	@Test
	void revokeWhenActiveThenNextSignsAtOnceAndRevokedKeyIsNeitherPublishedNorAccepted() {
		Deployment deployment = TestRotations.deployment("revoke");
		KeyRotation node = deployment.node(this.clock);
		SigningKeys keys = node.start();
		String compromised = keys.active().kid();
		String next = node.keyring().next().orElseThrow().kid();

		Keyring after = node.revoke(compromised, "admin");

		assertThat(after.active().kid()).isEqualTo(next);
		assertThat(keys.active().kid()).isEqualTo(next);
		assertThat(keys.byKid(compromised)).isEmpty();
		assertThat(after.next()).isPresent();
		String guardNotice = deployment.store().key("signing-key-revoked", compromised);
		assertThat(deployment.store().await(deployment.store().async().get(guardNotice))).isNotNull();
		assertThat(deployment.store().await(deployment.store().async().pttl(guardNotice)))
			.isGreaterThan(TestRotations.RETENTION.toMillis());
		assertThat(deployment.store().await(deployment.store().async().get(
				deployment.store().key("signing-key-revoked", next)))).isNull();
		assertThatExceptionOfType(KeyringConflictException.class).isThrownBy(() -> node.revoke(compromised, "admin"));
		assertThatExceptionOfType(SigningKeyNotFoundException.class).isThrownBy(() -> node.revoke("nope", "admin"));
	}

	private static Object attempt(KeyRotation node, Keyring seen) {
		try {
			return node.rotate(seen, true, "admin");
		}
		catch (KeyringConflictException ex) {
			return ex;
		}
	}

	private static List<String> kids(SigningKeys keys) {
		return keys.published().stream().map(SigningKey::kid).toList();
	}

	@SafeVarargs
	private static <T> List<T> together(Callable<? extends T>... tasks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(tasks.length);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<? extends T>> futures = new ArrayList<>();
			for (Callable<? extends T> task : tasks) {
				futures.add(executor.submit(() -> {
					go.await();
					return task.call();
				}));
			}
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<? extends T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
