package io.keyfleet.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestCertificates;
import io.keyfleet.guard.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark baseline (profile {@code plain-jwt}) really is Spring's plain JWT
 * resource server: it accepts a well-signed token whose client the state store has never
 * heard of, which the guard refuses.
 */
class PlainJwtProfileTests {

	@Test
	void fleetSummaryWhenPlainJwtProfileThenNoStandingCheck() throws Exception {
		Path dataDirectory = Files.createTempDirectory("keyfleet-plain-");
		Files.writeString(dataDirectory.resolve("redis-url"), TestRedis.url() + "\n");
		TestCertificates.writePem(GuardServer.CA, dataDirectory.resolve("ca"), "root");
		try (ConfigurableApplicationContext plain = new SpringApplicationBuilder(ResourceSampleApplication.class)
			.profiles("plain-jwt")
			.run("--keyfleet.data-dir=" + dataDirectory, "--server.port=0",
					"--keyfleet.guard.issuer-uri=" + GuardServer.JWKS.issuer(),
					"--keyfleet.guard.redis.key-prefix=" + TestRedis.prefix(), "--logging.level.root=WARN")) {
			int port = ((WebServerApplicationContext) plain).getWebServer().getPort();
			String unknownClient = GuardServer.token(GuardServer.claims(newId("never-registered")).claim("scope", "fleet:read"));
			GuardClient client = GuardClient.trusting(GuardServer.CA);

			assertThat(client.bearer("GET", "https://localhost:" + port + "/fleet/summary", unknownClient).statusCode())
				.isEqualTo(200);
			assertThat(client.bearer("GET", "https://localhost:" + port + "/devices/x/config", unknownClient)
				.statusCode()).isEqualTo(403);
		}
	}

}
