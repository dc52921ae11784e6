package io.keyfleet.sim.binding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BindingStoreTests {

	@TempDir
	Path directory;

	private FleetStore fleet() {
		FleetStore fleet = new FleetStore(this.directory.resolve("fleet"));
		return fleet;
	}

	@Test
	void prepareWhenMtlsForKeyDeviceThenSelfSignedCertificateForItsOwnKeyKeptOwnerOnly() throws Exception {
		FleetStore fleet = fleet();
		KeyPair deviceKey = EcKeys.generate();
		DeviceRecord device = keyDevice("dev-1", deviceKey);

		DeviceBinding binding = new BindingStore(fleet, Clock.systemUTC()).prepare(device, Binding.MTLS);

		X509Certificate certificate = binding.certificate().certificate();
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=dev-1");
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
		certificate.verify(deviceKey.getPublic()); // self-signed with the device's registered key
		assertThat(certificate.getPublicKey()).isEqualTo(deviceKey.getPublic());
		assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2"); // id-kp-clientAuth
		certificate.checkValidity();
		// RFC 8705 3.1: x5t#S256 = base64url(SHA-256(DER))
		assertThat(binding.certificate().thumbprint()).isEqualTo(
				Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
		Path file = fleet.directory().resolve("devices").resolve("dev-1.tls-cert.pem");
		assertOwnerOnly(file);
		assertThat(Files.exists(fleet.directory().resolve("devices").resolve("dev-1.tls-key.pem"))).isFalse();
		assertThat(binding.dpop()).isNull();
	}

	@Test
	void prepareWhenMtlsTwiceThenSameCertificateAndNotListedAsDevice() {
		FleetStore fleet = fleet();
		DeviceRecord device = keyDevice("dev-2", EcKeys.generate());
		fleet.save(device);
		BindingStore store = new BindingStore(fleet, Clock.systemUTC());

		X509Certificate first = store.prepare(device, Binding.MTLS).certificate().certificate();
		X509Certificate second = store.prepare(device, Binding.MTLS).certificate().certificate();

		assertThat(second).isEqualTo(first);
		assertThat(fleet.ids()).containsExactly("dev-2");
	}

	@Test
	void prepareWhenMtlsForSecretDeviceThenOwnKeyGeneratedAndKeptOwnerOnly() throws Exception {
		FleetStore fleet = fleet();
		DeviceRecord device = new DeviceRecord("dev-3", ClientAuthMethod.CLIENT_SECRET_BASIC, "KF-SIM-1", null, null,
				"a-secret-that-is-long-enough-000000", List.of("config:read"), List.of("https://localhost:8444"),
				Instant.now());
		BindingStore store = new BindingStore(fleet, Clock.systemUTC());

		ClientCertificate certificate = store.prepare(device, Binding.MTLS).certificate();

		Path keyFile = fleet.directory().resolve("devices").resolve("dev-3.tls-key.pem");
		assertOwnerOnly(keyFile);
		assertThat(Pem.readEcPrivateKey(keyFile)).isEqualTo(certificate.privateKey());
		certificate.certificate().verify(certificate.certificate().getPublicKey());
		assertThat(store.prepare(device, Binding.MTLS).certificate().certificate())
			.isEqualTo(certificate.certificate());
	}

	@Test
	void prepareWhenDpopThenDeviceKeepsOneDpopKeyOtherThanItsAuthenticationKey() throws Exception {
		FleetStore fleet = fleet();
		KeyPair deviceKey = EcKeys.generate();
		DeviceRecord device = keyDevice("dev-4", deviceKey);
		BindingStore store = new BindingStore(fleet, Clock.systemUTC());

		DeviceBinding first = store.prepare(device, Binding.DPOP);
		DeviceBinding second = store.prepare(device, Binding.DPOP);

		assertThat(second.dpop().thumbprint()).isEqualTo(first.dpop().thumbprint());
		String proof = first.dpop().forTokenRequest(java.net.URI.create("https://as.example/oauth2/token"), null);
		assertThat(SignedJWT.parse(proof).getHeader().getJWK().toPublicJWK().toString())
			.doesNotContain(((java.security.interfaces.ECPublicKey) deviceKey.getPublic()).getW().getAffineX().toString(16));
		assertOwnerOnly(fleet.directory().resolve("devices").resolve("dev-4.dpop-key.pem"));
		assertThat(first.certificate()).isNull();
	}

	@Test
	void prepareWhenNoneThenNothingStored() throws Exception {
		FleetStore fleet = fleet();
		DeviceRecord device = keyDevice("dev-5", EcKeys.generate());

		assertThat(new BindingStore(fleet, Clock.systemUTC()).prepare(device, Binding.NONE)).isSameAs(DeviceBinding.NONE);
		assertThat(Files.exists(fleet.directory().resolve("devices").resolve("dev-5.tls-cert.pem"))).isFalse();
		assertThat(Files.exists(fleet.directory().resolve("devices").resolve("dev-5.dpop-key.pem"))).isFalse();
	}

	private static DeviceRecord keyDevice(String id, KeyPair keyPair) {
		return new DeviceRecord(id, ClientAuthMethod.PRIVATE_KEY_JWT, "KF-SIM-1", "kid-1",
				Pem.encodePrivateKey(keyPair.getPrivate()), null, List.of("config:read"),
				List.of("https://localhost:8444"), Instant.now());
	}

	private static void assertOwnerOnly(Path file) throws Exception {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
	}

}
