package io.keyfleet.auth.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/enrollment-groups} over real HTTPS: create, read, list, delete, and an
 * RFC 9457 problem for every refusal.
 */
class EnrollmentGroupIntegrationTests {

	private static Http http;

	private static String admin;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		http = harness.http();
		admin = harness.admin();
	}

	@Test
	void createWhenValidThenCreatedWithLocationAndReadable() {
		String id = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestCertificates.newCa("CN=Acme CA");

		Http.Response created = TestGroups.create(http, admin, TestGroups.body(id, ca, "manual"));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).hasValue("/api/v1/enrollment-groups/" + id);
		JsonNode fetched = http.get("/api/v1/enrollment-groups/" + id, admin).json();
		assertThat(fetched.get("id").asString()).isEqualTo(id);
		assertThat(fetched.get("approval").asString()).isEqualTo("manual");
		assertThat(fetched.get("template").get("model").asString()).isEqualTo(TestGroups.MODEL);
		assertThat(fetched.get("template").get("allowed_resources").get(0).asString()).isEqualTo(TestDevices.RESOURCE);
		assertThat(Pem.readCertificates(fetched.get("manufacturer_ca").asString())).containsExactly(ca.certificate());
		assertThat(fetched.get("created_at").asString()).isNotBlank();
	}

	@Test
	void createWhenIdExistsThenConflictProblem() {
		String id = TestDevices.newId("grp");
		TestGroups.newGroup(http, admin, id, "auto");

		Http.Response again = TestGroups.create(http, admin,
				TestGroups.body(id, TestCertificates.newCa("CN=Other CA"), "auto"));

		assertConflict(again);
	}

	@Test
	void createWhenSameCaInAnotherGroupThenConflictProblem() {
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, TestDevices.newId("grp"), "auto");

		assertConflict(TestGroups.create(http, admin, TestGroups.body(TestDevices.newId("grp"), ca, "manual")));
	}

	@Test
	void createWhenManufacturerCaIsNotPemThenBadRequestProblem() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("manufacturer_ca", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

		assertBadRequest(TestGroups.create(http, admin, body), "manufacturer_ca");
	}

	@Test
	void createWhenManufacturerCaIsNotACaThenBadRequestProblem() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("manufacturer_ca",
				Pem.write(TestCertificates.selfSigned(TestCertificates.newKeyPair(), "CN=just-a-device")));

		assertBadRequest(TestGroups.create(http, admin, body), "manufacturer_ca");
	}

	@Test
	void createWhenTemplateInvalidThenBadRequestProblemNamingTheTemplateField() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("template", Map.of("model", "KF-JIT-200", "allowed_scopes", List.of("fleet:admin"),
				"allowed_resources", List.of(TestDevices.RESOURCE)));

		assertBadRequest(TestGroups.create(http, admin, body), "template.allowed_scopes");
	}

	@Test
	void createWhenTemplateNamesADeviceKeyThenBadRequestProblem() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("template", Map.of("model", "KF-JIT-200", "allowed_resources", List.of(TestDevices.RESOURCE),
				"attestation", Map.of("required", true, "ueid", "AQIDBAUGBwgJ")));

		assertBadRequest(TestGroups.create(http, admin, body), "template.attestation.ueid");
	}

	@Test
	void createWhenApprovalUnknownThenBadRequestProblem() {
		assertBadRequest(TestGroups.create(http, admin,
				TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "sometimes")), "approval");
	}

	@Test
	void createWhenUnknownFieldThenBadRequestProblem() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("aproval", "auto");

		assertBadRequest(TestGroups.create(http, admin, body), "aproval");
	}

	@Test
	void createWhenCrlNotSignedByTheCaThenBadRequestProblem() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("crl", Map.of("pem", TestGroups.pem(TestCertificates.crl(TestCertificates.newCa("CN=A")))));

		assertBadRequest(TestGroups.create(http, admin, body), "crl.pem");
	}

	@Test
	void createWhenCrlUrlNotHttpThenBadRequestProblem() {
		Map<String, Object> body = TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto");
		body.put("crl", Map.of("url", "file:///etc/passwd"));

		assertBadRequest(TestGroups.create(http, admin, body), "crl.url");
	}

	@Test
	void getOrDeleteWhenUnknownThenNotFoundProblem() {
		assertProblem(http.get("/api/v1/enrollment-groups/no-such-group", admin), 404);
		assertProblem(http.delete("/api/v1/enrollment-groups/no-such-group", admin), 404);
	}

	@Test
	void deleteThenGoneIdNeverReusedAndCaFreeForAnotherGroup() {
		String id = TestDevices.newId("grp");
		TestCertificates.Ca ca = TestGroups.newGroup(http, admin, id, "auto");

		assertThat(http.delete("/api/v1/enrollment-groups/" + id, admin).status()).isEqualTo(204);

		assertProblem(http.get("/api/v1/enrollment-groups/" + id, admin), 404);
		assertProblem(http.delete("/api/v1/enrollment-groups/" + id, admin), 404);
		assertConflict(TestGroups.create(http, admin, TestGroups.body(id, TestCertificates.newCa("CN=B"), "auto")));
		assertThat(TestGroups.create(http, admin, TestGroups.body(TestDevices.newId("grp"), ca, "auto")).status())
			.isEqualTo(201);
	}

	@Test
	void listWhenPagedThenEveryGroupExactlyOnce() {
		List<String> mine = List.of(TestDevices.newId("grp"), TestDevices.newId("grp"), TestDevices.newId("grp"));
		mine.forEach(id -> TestGroups.newGroup(http, admin, id, "auto"));

		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = http.get("/api/v1/enrollment-groups?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""),
					admin).json();
			assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
			page.get("items").forEach(item -> seen.add(item.get("id").asString()));
			cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
		}
		while (cursor != null);

		assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
	}

	@Test
	void createWhenNoAdminTokenThenUnauthorized() {
		assertThat(TestGroups.create(http, null,
				TestGroups.body(TestDevices.newId("grp"), TestCertificates.newCa("CN=A"), "auto")).status())
			.isEqualTo(401);
	}

	private static void assertConflict(Http.Response response) {
		assertProblem(response, 409);
	}

	private static void assertBadRequest(Http.Response response, String field) {
		assertProblem(response, 400);
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).as(response.body()).contains(field);
	}

	private static void assertProblem(Http.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
	}

}
