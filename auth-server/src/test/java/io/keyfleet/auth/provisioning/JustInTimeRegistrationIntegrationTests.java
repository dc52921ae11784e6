package io.keyfleet.auth.provisioning;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientStatus;
import io.keyfleet.auth.est.EstClient;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Just-in-time registration over real TLS with client certificates, real Redis and
 * factory certificates made with BouncyCastle: first contact by EST {@code simpleenroll}
 * and by the token endpoint ({@code tls_client_auth}), both approval modes, every reason
 * a factory certificate registers nothing, deleted groups, and concurrent first contacts.
 */
class JustInTimeRegistrationIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static String admin;

	private final Logger auditLogger = (Logger) LoggerFactory.getLogger("keyfleet.audit");

	private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

	private Level auditLevel;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		admin = harness.admin();
	}

	@BeforeEach
	void captureAudit() {
		this.auditLevel = this.auditLogger.getLevel();
		this.auditLogger.setLevel(Level.INFO);
		this.audit.start();
		this.auditLogger.addAppender(this.audit);
	}

	@AfterEach
	void releaseAudit() {
		this.auditLogger.detachAppender(this.audit);
		this.auditLogger.setLevel(this.auditLevel);
	}

	@Test
	void simpleenrollWhenAutoGroupThenRegisteredActiveFromTemplateAndCertificateIssued() throws Exception {
		String group = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, group, "auto");
		String id = TestDevices.newId("jit");
		KeyPair operational = TestCertificates.newKeyPair();

		HttpResponse<String> response = TestGroups.Factory.of(ca, "CN=" + id + ", O=Acme")
			.simpleenroll(server, operational);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		X509Certificate issued = EstClient.certificates(response.body()).get(0);
		assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=" + id);
		JsonNode device = device(id);
		assertThat(device.get("status").asString()).isEqualTo("active");
		assertThat(device.get("enrollment_group").asString()).isEqualTo(group);
		assertThat(device.get("model").asString()).isEqualTo(TestGroups.MODEL);
		assertThat(device.get("token_endpoint_auth_method").asString()).isEqualTo("tls_client_auth");
		assertThat(device.get("tls_client_auth_subject_dn").asString()).isEqualTo("CN=" + id);
		assertThat(device.get("allowed_scopes").get(0).asString()).isEqualTo("telemetry:write");
		assertThat(device.get("labels").get("line").asString()).isEqualTo("7");
		assertThat(tokenWith(operational, issued, id).status()).isEqualTo(200);
		assertThat(auditLines()).anyMatch(line -> line.startsWith("provisioning.register device=" + id + " group="
				+ group + " status=active via=est-simpleenroll"));
	}

	@Test
	void tokenWhenAutoGroupThenRegisteredAndTheSameRequestGetsAToken() {
		String group = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, group, "auto");
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id + ", O=Acme, C=DE");

		Http.Response first = factory.token(server, id);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("access_token").asString()).isNotBlank();
		assertThat(device(id).get("status").asString()).isEqualTo("active");
		assertThat(factory.token(server, id).status()).isEqualTo(200);
		assertThat(auditLines()).filteredOn(line -> line.startsWith("provisioning.register device=" + id + " "))
			.hasSize(1)
			.allMatch(line -> line.contains("via=token"));
	}

	@Test
	void tokenWhenFactoryCertificateNamesTheDeviceByUrnThenThatIsItsId() {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String id = TestDevices.newId("jit");
		KeyPair key = TestCertificates.newKeyPair();
		X509Certificate certificate = TestCertificates.fromCa(ca, key, "CN=Acme Sensor 42",
				"urn:keyfleet:device:" + id, Instant.now().minusSeconds(60), Duration.ofDays(7));

		assertThat(new TestGroups.Factory(key, certificate).token(server, id).status()).isEqualTo(200);
		assertThat(device(id).get("tls_client_auth_subject_dn").asString()).isEqualTo("CN=" + id);
	}

	@Test
	void tokenWhenClientIdIsNotTheCertificatesDeviceThenNothingRegistered() {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String named = TestDevices.newId("jit");
		String claimed = TestDevices.newId("jit");

		Http.Response response = TestGroups.Factory.of(ca, "CN=" + named).token(server, claimed);

		assertInvalidClient(response);
		assertNotRegistered(named);
		assertNotRegistered(claimed);
	}

	@Test
	void manualGroupThenPendingRefusedUntilApproved() throws Exception {
		String group = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, group, "manual");
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id);

		assertInvalidClient(factory.token(server, id));
		assertThat(device(id).get("status").asString()).isEqualTo("pending");
		assertThat(factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()).isEqualTo(403);
		assertThat(auditLines()).anyMatch(line -> line.startsWith("provisioning.register device=" + id + " group="
				+ group + " status=pending via=token"));

		assertThat(http.postJson("/api/v1/devices/" + id + "/approve", admin, "").status()).isEqualTo(204);

		assertThat(device(id).get("status").asString()).isEqualTo("active");
		assertThat(auditLines()).anyMatch(line -> line.equals("admin.approve actor=fleet-admin target=" + id + " outcome=ok"));
		assertThat(factory.token(server, id).status()).isEqualTo(200);
		assertThat(factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()).isEqualTo(200);
		assertProblem(http.postJson("/api/v1/devices/" + id + "/approve", admin, ""), 409);
	}

	@Test
	void approveWhenDeviceNotPendingOrUnknownThenConflictOrNotFound() {
		String id = TestDevices.newId("dev");
		TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));

		assertProblem(http.postJson("/api/v1/devices/" + id + "/approve", admin, ""), 409);
		assertProblem(http.postJson("/api/v1/devices/" + TestDevices.newId("none") + "/approve", admin, ""), 404);
	}

	@Test
	void firstContactWhenFactoryCertificateExpiredThenNothingRegistered() throws Exception {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String id = TestDevices.newId("jit");
		KeyPair key = TestCertificates.newKeyPair();
		TestGroups.Factory expired = new TestGroups.Factory(key, TestCertificates.fromCa(ca, key, "CN=" + id, null,
				Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(1)));

		assertRegistersNothing(expired, id);
	}

	@Test
	void firstContactWhenCaUnknownButSameNameThenNothingRegistered() throws Exception {
		String group = TestDevices.newId("grp");
		TestGroups.newGroup(http, admin, group, "auto");
		// same subject as the group's CA, different key: the signature check must fail
		TestCertificates.Ca impostor = TestCertificates.newCa("CN=Acme Manufacturing CA " + group);
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(impostor, "CN=" + id);

		assertRegistersNothing(factory, id);
	}

	@Test
	void firstContactWhenFactoryCertificateOnInlineCrlThenNothingRegistered() throws Exception {
		TestCertificates.Ca ca = TestCertificates.newCa("CN=Acme CRL CA");
		String revokedId = TestDevices.newId("jit");
		String goodId = TestDevices.newId("jit");
		TestGroups.Factory revoked = TestGroups.Factory.of(ca, "CN=" + revokedId);
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), ca, "auto");
		body.put("crl", Map.of("pem", TestGroups.pem(TestCertificates.crl(ca, revoked.certificate()))));
		assertThat(TestGroups.create(http, admin, body).status()).isEqualTo(201);

		assertRegistersNothing(revoked, revokedId);
		assertThat(TestGroups.Factory.of(ca, "CN=" + goodId).token(server, goodId).status()).isEqualTo(200);
	}

	@Test
	void firstContactWhenCrlUrlListsTheCertificateOrIsUnreachableThenNothingRegistered() throws Exception {
		TestCertificates.Ca ca = TestCertificates.newCa("CN=Acme CRL URL CA");
		String revokedId = TestDevices.newId("jit");
		String goodId = TestDevices.newId("jit");
		TestGroups.Factory revoked = TestGroups.Factory.of(ca, "CN=" + revokedId);
		byte[] crl = TestCertificates.crl(ca, revoked.certificate()).getEncoded();
		HttpServer crlServer = TestGroups.crlServer(() -> crl, () -> {
		});
		try {
			Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), ca, "auto");
			body.put("crl", Map.of("url", TestGroups.crlUrl(crlServer)));
			assertThat(TestGroups.create(http, admin, body).status()).isEqualTo(201);

			assertInvalidClient(revoked.token(server, revokedId));
			assertNotRegistered(revokedId);
			assertThat(TestGroups.Factory.of(ca, "CN=" + goodId).token(server, goodId).status()).isEqualTo(200);
		}
		finally {
			crlServer.stop(0);
		}
		TestCertificates.Ca unreachable = TestCertificates.newCa("CN=Acme Offline CRL CA");
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), unreachable, "auto");
		body.put("crl", Map.of("url", "http://127.0.0.1:" + TestRedis.freePort() + "/acme.crl"));
		assertThat(TestGroups.create(http, admin, body).status()).isEqualTo(201);
		String id = TestDevices.newId("jit");

		assertInvalidClient(TestGroups.Factory.of(unreachable, "CN=" + id).token(server, id));
		assertNotRegistered(id);
	}

	@Test
	void firstContactWhenCnNamesADeviceRegisteredOtherwiseThenRefusedAndUnchanged() throws Exception {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String id = TestDevices.newId("dev");
		Map<String, Object> registration = TestDevices.standard(id, "tls_client_auth", null);
		registration.put("tls_client_auth_subject_dn", "CN=" + id);
		TestDevices.register(http, admin, registration);
		JsonNode before = device(id);
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id);

		assertRefusedAndUnchanged(factory, id, before);
	}

	@Test
	void firstContactWhenCnNamesADeviceOfAnotherGroupThenRefusedAndUnchanged() throws Exception {
		TestCertificates.Ca first = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		TestCertificates.Ca second = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String id = TestDevices.newId("jit");
		assertThat(TestGroups.Factory.of(first, "CN=" + id).token(server, id).status()).isEqualTo(200);
		JsonNode before = device(id);
		TestGroups.Factory other = TestGroups.Factory.of(second, "CN=" + id);

		assertRefusedAndUnchanged(other, id, before);
	}

	@Test
	void groupDeletedThenNoNewDevicesAndFactoryCertificatesRefusedButOperationalOnesWork() throws Exception {
		String group = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, group, "auto");
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id);
		KeyPair operational = TestCertificates.newKeyPair();
		HttpResponse<String> enrolled = factory.simpleenroll(server, operational);
		assertThat(enrolled.statusCode()).isEqualTo(200);
		X509Certificate issued = EstClient.certificates(enrolled.body()).get(0);

		assertThat(http.delete("/api/v1/enrollment-groups/" + group, admin).status()).isEqualTo(204);

		assertInvalidClient(factory.token(server, id));
		assertThat(factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()).isEqualTo(401);
		String newcomer = TestDevices.newId("jit");
		assertInvalidClient(TestGroups.Factory.of(ca, "CN=" + newcomer).token(server, newcomer));
		assertNotRegistered(newcomer);
		assertThat(tokenWith(operational, issued, id).status()).isEqualTo(200);
		assertThat(device(id).get("enrollment_group").asString()).isEqualTo(group);
	}

	@Test
	void concurrentFirstContactsThenRegisteredExactlyOnceAndAllSucceed() throws Exception {
		String group = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, group, "auto");
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id);
		int contacts = 8;
		CountDownLatch ready = new CountDownLatch(contacts);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(contacts);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < contacts; i++) {
				boolean est = (i % 2 == 0);
				Callable<Integer> contact = () -> {
					ready.countDown();
					go.await();
					return est ? factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()
							: factory.token(server, id).status();
				};
				statuses.add(pool.submit(contact));
			}
			ready.await(10, TimeUnit.SECONDS);
			go.countDown();
			for (Future<Integer> status : statuses) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(device(id).get("status").asString()).isEqualTo("active");
		assertThat(auditLines()).filteredOn(line -> line.startsWith("provisioning.register device=" + id + " "))
			.hasSize(1);
	}

	@Test
	void tokenWhenJustInTimeDeviceQuarantinedThenInvalidClientUntilResumed() {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id);
		assertThat(factory.token(server, id).status()).isEqualTo(200);
		ClientRegistry registry = server.context().getBean(ClientRegistry.class);
		// anomaly response sets quarantined; no admin action does, so the test writes it
		registry.update(id, r -> r.withStatus(ClientStatus.QUARANTINED, registry.clock().instant()));

		assertInvalidClient(factory.token(server, id));
		assertThat(device(id).get("status").asString()).isEqualTo("quarantined");

		assertThat(http.postJson("/api/v1/devices/" + id + "/resume", admin, "").status()).isEqualTo(204);
		assertThat(factory.token(server, id).status()).isEqualTo(200);
	}

	@Test
	void firstContactWhenDeviceRetiredThenRefusedAndStillRetired() throws Exception {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");
		String id = TestDevices.newId("jit");
		TestGroups.Factory factory = TestGroups.Factory.of(ca, "CN=" + id);
		assertThat(factory.token(server, id).status()).isEqualTo(200);

		assertThat(http.delete("/api/v1/devices/" + id, admin).status()).isEqualTo(204);

		assertInvalidClient(factory.token(server, id));
		assertThat(factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()).isEqualTo(403);
		assertThat(device(id).get("status").asString()).isEqualTo("retired");
	}

	private static Http.Response tokenWith(KeyPair key, X509Certificate certificate, String id) {
		return new Http(server, TestCertificates.presenting(server, key.getPrivate(), certificate))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id);
	}

	private static JsonNode device(String id) {
		Http.Response response = http.get("/api/v1/devices/" + id, admin);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	/** EST {@code 401} and token endpoint {@code invalid_client}, and no device. */
	private static void assertRegistersNothing(TestGroups.Factory factory, String id) throws Exception {
		assertThat(factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()).isEqualTo(401);
		assertInvalidClient(factory.token(server, id));
		assertNotRegistered(id);
	}

	/** EST {@code 403} and token endpoint {@code invalid_client}, and the device as it was. */
	private static void assertRefusedAndUnchanged(TestGroups.Factory factory, String id, JsonNode before)
			throws Exception {
		assertThat(factory.simpleenroll(server, TestCertificates.newKeyPair()).statusCode()).isEqualTo(403);
		assertInvalidClient(factory.token(server, id));
		assertThat(device(id)).isEqualTo(before);
	}

	private static void assertNotRegistered(String id) {
		assertThat(http.get("/api/v1/devices/" + id, admin).status()).isEqualTo(404);
	}

	private static void assertInvalidClient(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	private static void assertProblem(Http.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	private List<String> auditLines() {
		return this.audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
