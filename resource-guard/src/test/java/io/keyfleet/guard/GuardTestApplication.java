package io.keyfleet.guard;

import java.util.Map;

import org.apache.tomcat.util.net.SSLHostConfig;

import io.keyfleet.guard.authorization.GuardRequirements;
import io.keyfleet.guard.tls.AnyClientCertificateTrustManager;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static io.keyfleet.guard.authorization.AttestationStatus.AFFIRMING;
import static io.keyfleet.guard.authorization.AttestationStatus.WARNING;
import static io.keyfleet.guard.web.KeyfleetGuardConfigurer.keyfleetGuard;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * A microservice as a user of the starter would write it: the contract's five endpoints,
 * each protected by declared guard requirements only, on Tomcat with TLS that lets every
 * client certificate through the handshake (so certificate-bound tokens can be checked).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GuardTestApplication.Endpoints.class)
public class GuardTestApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, GuardRequirements guard) throws Exception {
		// @formatter:off
		http.with(keyfleetGuard(), Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(POST, "/telemetry").access(guard.scope("telemetry:write").attestation(AFFIRMING))
				.requestMatchers(GET, "/devices/{id}/config").access(guard.scope("config:read").subjectIs("id"))
				.requestMatchers(GET, "/firmware/{model}/latest").access(guard.scope("firmware:read").attestation(WARNING))
				.requestMatchers(POST, "/devices/{id}/commands").access(guard.scope("commands:write").serviceClientsOnly())
				.requestMatchers(GET, "/fleet/summary").access(guard.scope("fleet:read"))
				.anyRequest().denyAll());
		// @formatter:on
		return http.build();
	}

	@Bean
	TomcatConnectorCustomizer anyClientCertificate() {
		return (connector) -> {
			for (SSLHostConfig tls : connector.findSslHostConfigs()) {
				tls.setTrustManagerClassName(AnyClientCertificateTrustManager.class.getName());
			}
		};
	}

	@RestController
	static class Endpoints {

		@PostMapping("/telemetry")
		@ResponseStatus(HttpStatus.ACCEPTED)
		Map<String, Object> telemetry(@AuthenticationPrincipal Jwt token) {
			return Map.of("device", token.getSubject());
		}

		@GetMapping("/devices/{id}/config")
		Map<String, Object> config(@PathVariable String id) {
			return Map.of("device", id);
		}

		@GetMapping("/firmware/{model}/latest")
		Map<String, Object> firmware(@PathVariable String model) {
			return Map.of("model", model, "version", "2.5.0");
		}

		@PostMapping("/devices/{id}/commands")
		@ResponseStatus(HttpStatus.ACCEPTED)
		Map<String, Object> command(@PathVariable String id) {
			return Map.of("device", id, "status", "queued");
		}

		@GetMapping("/fleet/summary")
		Map<String, Object> summary() {
			return Map.of("devices", 0);
		}

	}

}
