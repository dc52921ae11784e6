package io.keyfleet.sim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.Anomaly;
import io.keyfleet.sim.anomaly.Detection;
import io.keyfleet.sim.anomaly.DetectionWatch;
import io.keyfleet.sim.anomaly.Endpoints;
import io.keyfleet.sim.anomaly.FleetDevice;
import io.keyfleet.sim.anomaly.Sources;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.load.TokenAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's side of anomaly detection against the stand-in server (real TLS): devices
 * speak from the loopback source address they are given (what a clone or a thief looks like
 * to the server), and the admin API's anomaly list is read page by page and watched for a
 * kind (CONTRACT "Provisioning, lifecycle and anomalies").
 */
class AnomalyDetectionClientTests {

	private static final String SECRET = "a-device-secret-of-32-characters!";

	@TempDir
	static Path directory;

	static StandInAuthorizationServer server;

	static SSLSocketFactory socketFactory;

	static AdminClient admin;

	@BeforeAll
	static void startServer() throws Exception {
		TestPki pki = TestPki.create("stand-in");
		Path caFile = pki.writeCaPem(directory.resolve("root.pem"));
		server = StandInAuthorizationServer.start(pki);
		server.registerClientSecretBasic("dev-anomalous", SECRET);
		server.registerClientSecretBasic("fleet-admin", "the-admin-secret");
		socketFactory = TlsContext.sslContext(caFile).getSocketFactory();
		HttpTransport http = new HttpTransport(socketFactory, Duration.ofSeconds(5), null);
		admin = new AdminClient(http, ServerMetadata.discover(URI.create(server.issuer()), http),
				ClientCredentials.secret("fleet-admin", ClientAuthMethod.CLIENT_SECRET_BASIC, "the-admin-secret"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void tokenWhenFromEachSourceThenServerSeesThatAddress() {
		FleetDevice device = device();

		TokenAnswer home = device.token(Sources.HOME);
		TokenAnswer clone = device.token(Sources.CLONE);
		TokenAnswer thief = device.token(Sources.THIEF);

		assertThat(List.of(home, clone, thief)).allSatisfy((answer) -> assertThat(answer.issued()).as(answer.describe())
			.isTrue());
		List<String> sources = server.exchanges().stream()
			.filter((exchange) -> "dev-anomalous".equals(exchange.clientId()))
			.map(StandInAuthorizationServer.Exchange::source)
			.toList();
		assertThat(sources).endsWith("127.0.0.1", "127.0.0.2", "127.0.0.3");
	}

	@Test
	void tokenWhenWrongSecretThen401InvalidClientAndNoToken() {
		TokenAnswer answer = device().withSecret("not-the-secret").token(Sources.HOME);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
		assertThat(answer.issued()).isFalse();
		assertThat(answer.toString()).doesNotContain("not-the-secret");
	}

	@Test
	void anomaliesWhenMoreThanOnePageThenEveryPageReadWithSinceAsRfc3339() {
		Instant since = Instant.parse("2030-01-01T00:00:00Z");
		for (int i = 0; i < 1001; i++) {
			server.addAnomaly("paged-" + i, "dev-paged", "token_rate", since.plusSeconds(i), "flag");
		}
		server.addAnomaly("paged-old", "dev-paged", "token_rate", since.minusSeconds(1), "flag");

		List<Anomaly> anomalies = admin.anomalies("dev-paged", since);

		assertThat(anomalies).hasSize(1001).extracting(Anomaly::id).doesNotContain("paged-old");
		assertThat(anomalies.get(0).detectedAt()).isEqualTo(since.plusSeconds(1000));
		assertThat(server.anomalyQueries()).anySatisfy((query) -> assertThat(query).contains("device=dev-paged",
				"since=2030-01-01T00%3A00%3A00Z", "limit=1000", "cursor=1000"));
	}

	@Test
	void awaitWhenExpectedKindListedThenDetectedWithTimeFromTheInjection() {
		Instant injected = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
		server.addAnomaly("watch-1", "dev-watched", "new_source", injected.plusMillis(800), "flag");
		server.addAnomaly("watch-2", "dev-watched", "clone", injected.plusMillis(1500), "quarantine");

		Detection detection = new DetectionWatch(admin, Clock.systemUTC(), Duration.ofMillis(50)).await("dev-watched",
				"clone", injected, Duration.ZERO);

		assertThat(detection.detected()).isTrue();
		assertThat(detection.expected().action()).isEqualTo("quarantine");
		assertThat(detection.timeToDetect(injected)).isEqualTo(Duration.ofMillis(1500));
		assertThat(detection.seen()).hasSize(2);
	}

	@Test
	void awaitWhenOnlyAnotherKindOrAnEarlierOneThenNotDetectedAndKindsSeenListed() {
		Instant injected = Instant.now().minusSeconds(5);
		server.addAnomaly("other-1", "dev-other", "auth_failures", injected.minusSeconds(60), "flag");
		server.addAnomaly("other-2", "dev-other", "new_source", injected.plusSeconds(1), "flag");

		Detection detection = new DetectionWatch(admin, Clock.systemUTC(), Duration.ofMillis(50)).await("dev-other",
				"auth_failures", injected, Duration.ZERO);

		assertThat(detection.detected()).isFalse();
		assertThat(detection.kindsSeen()).contains("new_source").doesNotContain("auth_failures");
	}

	@Test
	void deviceWhenReadThenStatus() {
		server.setStatus("dev-quarantined", "quarantined");

		assertThat(admin.device("dev-quarantined").path("status").asString()).isEqualTo("quarantined");
	}

	private static FleetDevice device() {
		DeviceRecord record = new DeviceRecord("dev-anomalous", ClientAuthMethod.CLIENT_SECRET_BASIC, "KF-SIM-1", null,
				null, SECRET, List.of("telemetry:write"), List.of("https://localhost:8444"), Instant.now());
		return new FleetDevice(record, null, new Endpoints(URI.create(server.tokenEndpoint()), null, null,
				URI.create("https://localhost:8444"), socketFactory, 5000));
	}

}
