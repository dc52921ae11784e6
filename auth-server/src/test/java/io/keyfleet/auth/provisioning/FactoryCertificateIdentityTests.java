package io.keyfleet.auth.provisioning;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

class FactoryCertificateIdentityTests {

	private static final TestCertificates.Ca CA = TestCertificates.newCa("CN=Acme Identity Test CA");

	@Test
	void deviceIdWhenOneCnThenTheCn() {
		assertThat(FactoryCertificateIdentity.deviceId(certificate("CN=dev-1, O=Acme", null))).hasValue("dev-1");
	}

	@Test
	void deviceIdWhenDeviceUrnThenTheUrnWinsOverTheCn() {
		assertThat(FactoryCertificateIdentity.deviceId(certificate("CN=Acme Sensor", "urn:keyfleet:device:dev-2")))
			.hasValue("dev-2");
	}

	@Test
	void deviceIdWhenSeveralCnsThenNone() {
		assertThat(FactoryCertificateIdentity.deviceId(certificate("CN=dev-1, CN=dev-2", null))).isEmpty();
	}

	@Test
	void deviceIdWhenCnIsNotAValidIdThenNone() {
		assertThat(FactoryCertificateIdentity.deviceId(certificate("CN=Acme Sensor", null))).isEmpty();
		assertThat(FactoryCertificateIdentity.deviceId(certificate("O=Acme", null))).isEmpty();
	}

	private static X509Certificate certificate(String subject, String sanUri) {
		KeyPair key = TestCertificates.newKeyPair();
		return TestCertificates.fromCa(CA, key, subject, sanUri, Instant.now().minusSeconds(60), Duration.ofDays(1));
	}

}
