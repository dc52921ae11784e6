package io.keyfleet.auth.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.AuthMethod;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientSecrets;
import io.keyfleet.auth.client.ClientStatus;
import io.keyfleet.auth.devmode.DataDirectory;

/**
 * Makes sure the admin client exists: a service client with scope {@code fleet:admin} and
 * the issuer as its only resource, authenticating with {@code client_secret_basic}. Its
 * secret is {@code KEYFLEET_ADMIN_SECRET} when set; in dev mode it is otherwise the one
 * already in {@code .keyfleet/admin-client.json}, or a new random one, and that file is
 * (re)written owner-only so the README's walk-through can read it.
 */
public final class AdminClientBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminClientBootstrap.class);

	private static final int MIN_SECRET_LENGTH = 32;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClientRegistry registry;

	private final AdminProperties admin;

	private final KeyfleetServerProperties server;

	private final AuditLog audit;

	public AdminClientBootstrap(ClientRegistry registry, AdminProperties admin, KeyfleetServerProperties server,
			AuditLog audit) {
		this.registry = registry;
		this.admin = admin;
		this.server = server;
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		String secret = this.admin.secret();
		if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException(
					"KEYFLEET_ADMIN_SECRET must have at least " + MIN_SECRET_LENGTH + " characters");
		}
		Path file = null;
		if (this.server.dev()) {
			DataDirectory dir = new DataDirectory(this.server.dataDir());
			file = dir.path().resolve("admin-client.json");
			if (secret == null) {
				secret = readSecret(file);
			}
			if (secret == null) {
				secret = ClientSecrets.generate();
			}
			ensure(secret);
			dir.writePrivate(file, JSON.writeValueAsString(
					Map.of("client_id", this.admin.clientId(), "client_secret", secret)) + "\n");
			log.info("Dev mode: admin client '{}' credentials are in {}", this.admin.clientId(), file);
		}
		else if (secret != null) {
			ensure(secret);
		}
		else if (this.registry.find(this.admin.clientId()).isEmpty()) {
			log.warn("No admin client '{}' is registered; set KEYFLEET_ADMIN_SECRET to create it",
					this.admin.clientId());
		}
	}

	private void ensure(String secret) {
		String issuer = this.server.issuerUrl();
		String hash = ClientSecrets.hash(secret);
		var now = this.registry.clock().instant();
		ClientRecord fresh = new ClientRecord(this.admin.clientId(), ClientKind.SERVICE, null,
				AuthMethod.CLIENT_SECRET_BASIC, null, null, null, null, List.of("fleet:admin"), List.of(issuer), false,
				false, null,
				Map.of("role", "bootstrap-admin"), ClientStatus.ACTIVE, hash, null, now, now, null, null, null, 1);
		if (this.registry.create(fresh)) {
			this.audit.adminAction("bootstrap", "register", this.admin.clientId(), "ok");
			return;
		}
		this.registry.update(this.admin.clientId(), current -> {
			if (current.status() == ClientStatus.RETIRED) {
				log.warn("Admin client '{}' is retired; not reviving it", current.id());
				return current;
			}
			boolean sameSecret = ClientSecrets.matches(secret, current.secretHash());
			boolean sameResources = current.allowedResources().equals(List.of(issuer));
			if (sameSecret && sameResources && current.tokenEndpointAuthMethod() == AuthMethod.CLIENT_SECRET_BASIC) {
				return current;
			}
			this.audit.adminAction("bootstrap", "reset-admin-credentials", current.id(), "ok");
			return new ClientRecord(current.id(), ClientKind.SERVICE, null, AuthMethod.CLIENT_SECRET_BASIC, null,
					current.tlsClientAuthSubjectDn(), current.tlsClientAuthSanUri(), current.tlsClientAuthSanDns(),
					current.allowedScopes().contains("fleet:admin")
							? current.allowedScopes() : List.of("fleet:admin"),
					List.of(issuer), false, false, null, current.labels(), current.status(), hash, null,
					current.createdAt(), now, current.tokensRevokedAtMs(), current.attestationResetAtMs(),
					current.enrollmentGroup(), current.version() + 1);
		});
	}

	private static String readSecret(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			Object secret = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class).get("client_secret");
			return (secret instanceof String text && text.length() >= MIN_SECRET_LENGTH) ? text : null;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Ignoring unreadable {}: a new admin secret is generated", file);
			return null;
		}
	}

}
