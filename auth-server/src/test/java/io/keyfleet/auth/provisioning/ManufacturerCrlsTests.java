package io.keyfleet.auth.provisioning;

import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Manufacturer CRLs by URL and inline: fetched, capped, cached, and refused when not current. */
class ManufacturerCrlsTests {

	private static final TestCertificates.Ca CA = TestCertificates.newCa("CN=Acme CRL Test CA");

	private static final ProvisioningProperties PROPERTIES = new ProvisioningProperties(Duration.ofSeconds(2), 4096,
			Duration.ofMinutes(5));

	private final AtomicInteger downloads = new AtomicInteger();

	private HttpServer crlServer;

	private volatile byte[] served;

	@BeforeEach
	void startCrlServer() {
		this.crlServer = TestGroups.crlServer(() -> this.served, this.downloads::incrementAndGet);
	}

	@AfterEach
	void stopCrlServer() {
		this.crlServer.stop(0);
	}

	@Test
	void currentWhenUrlServesDerCrlThenItIsUsedAndCached() throws Exception {
		X509CRL crl = TestCertificates.crl(CA);
		this.served = crl.getEncoded();
		ManufacturerCrls crls = new ManufacturerCrls(PROPERTIES, Clock.systemUTC());

		assertThat(crls.current(url(), CA.certificate())).isEqualTo(crl);
		assertThat(crls.current(url(), CA.certificate())).isEqualTo(crl);
		assertThat(this.downloads).hasValue(1);
	}

	@Test
	void currentWhenUrlServesPemCrlThenItIsUsed() throws Exception {
		X509CRL crl = TestCertificates.crl(CA);
		this.served = TestGroups.pem(crl).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

		assertThat(new ManufacturerCrls(PROPERTIES, Clock.systemUTC()).current(url(), CA.certificate())).isEqualTo(crl);
	}

	@Test
	void currentWhenUrlUnreachableThenUnavailable() {
		CrlSource nowhere = new CrlSource(null, "http://127.0.0.1:" + TestRedis.freePort() + "/crl");

		assertThatExceptionOfType(CrlUnavailableException.class)
			.isThrownBy(() -> new ManufacturerCrls(PROPERTIES, Clock.systemUTC()).current(nowhere, CA.certificate()));
	}

	@Test
	void currentWhenLargerThanTheCapThenUnavailable() {
		this.served = new byte[PROPERTIES.crlMaxBytes() + 1];

		assertThatExceptionOfType(CrlUnavailableException.class)
			.isThrownBy(() -> new ManufacturerCrls(PROPERTIES, Clock.systemUTC()).current(url(), CA.certificate()));
	}

	@Test
	void currentWhenSignedByAnotherCaThenUnavailable() throws Exception {
		this.served = TestCertificates.crl(TestCertificates.newCa("CN=Acme CRL Test CA")).getEncoded();

		assertThatExceptionOfType(CrlUnavailableException.class)
			.isThrownBy(() -> new ManufacturerCrls(PROPERTIES, Clock.systemUTC()).current(url(), CA.certificate()));
	}

	@Test
	void currentWhenInlineCrlPastNextUpdateThenUnavailable() {
		CrlSource inline = new CrlSource(TestGroups.pem(TestCertificates.crl(CA)), null);
		Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

		assertThatExceptionOfType(CrlUnavailableException.class)
			.isThrownBy(() -> new ManufacturerCrls(PROPERTIES, later).current(inline, CA.certificate()));
	}

	private CrlSource url() {
		return new CrlSource(null, TestGroups.crlUrl(this.crlServer));
	}

}
