package io.keyfleet.auth.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.keys.KeyEncryptionKey;

/**
 * Registration and lifecycle of devices and service clients: everything the admin API
 * does to the registry, with the rules of the contract (ids never reused, secrets shown
 * once, suspension and retirement kill existing tokens) and an audit line per change.
 */
public final class ClientService {

	private final ClientRegistry registry;

	private final ClientRegistrationValidator validator;

	private final KeyEncryptionKey kek;

	private final AuditLog audit;

	private final List<BiConsumer<String, String>> retirementListeners = new CopyOnWriteArrayList<>();

	public ClientService(ClientRegistry registry, KeyEncryptionKey kek, AuditLog audit,
			ClientRegistrationValidator validator) {
		this.registry = registry;
		this.validator = validator;
		this.kek = kek;
		this.audit = audit;
	}

	/** Registers a client; the generated secret (if any) is in the result, and only there. */
	public Registration register(ClientKind kind, ClientRegistrationRequest request, String actor) {
		Registration registration = prepare(kind, request);
		if (!this.registry.create(registration.record())) {
			this.audit.adminAction(actor, "register", request.id(), "conflict");
			throw new ClientConflictException("id " + request.id() + " is already registered (ids are never reused)");
		}
		this.audit.adminAction(actor, "register", request.id(), "ok");
		return registration;
	}

	/**
	 * Validates a registration and builds its record and secret without storing it, so
	 * that bulk imports can pipeline the writes.
	 */
	public Registration prepare(ClientKind kind, ClientRegistrationRequest request) {
		ClientRegistrationValidator.Validated valid = this.validator.validate(kind, request);
		Instant now = this.registry.clock().instant();
		String secret = valid.method().secretBased() ? ClientSecrets.generate() : null;
		ClientRecord record = new ClientRecord(request.id(), kind, request.model(), valid.method(), request.jwks(),
				request.tlsClientAuthSubjectDn(), request.tlsClientAuthSanUri(), request.tlsClientAuthSanDns(),
				valid.scopes(), valid.resources(),
				Boolean.TRUE.equals(request.dpopBoundAccessTokens()),
				Boolean.TRUE.equals(request.tlsClientCertificateBoundAccessTokens()), request.attestation(),
				request.labels(), ClientStatus.ACTIVE, hashFor(valid.method(), secret),
				ciphertextFor(valid.method(), secret, request.id()), now, now, null, null, null, 1);
		return new Registration(record, secret);
	}

	/** Stores a prepared registration without waiting (bulk import). */
	public CompletionStage<Long> createAsync(Registration registration) {
		return this.registry.createAsync(registration.record());
	}

	public ClientRecord get(ClientKind kind, String id) {
		return find(kind, id).orElseThrow(() -> new ClientNotFoundException(kind, id));
	}

	public ClientRegistry.Page list(ClientKind kind, long afterSequence, int limit) {
		return this.registry.page(kind, afterSequence, limit);
	}

	/**
	 * Applies a JSON merge patch (RFC 7396) to a registration. A change to a secret-based
	 * method generates a new secret, returned once.
	 */
	public Registration patch(ClientKind kind, String id, String mergePatch, String actor) {
		String[] newSecret = new String[1];
		ClientRecord updated = this.registry.update(id, current -> {
			requireKind(kind, current);
			if (current.status() == ClientStatus.RETIRED) {
				throw new ClientConflictException(id + " is retired and cannot be changed");
			}
			ClientRegistrationRequest request = RegistrationJson.mergePatch(current, mergePatch);
			ClientRegistrationValidator.Validated valid = this.validator.validate(kind, request);
			boolean methodChanged = valid.method() != current.tokenEndpointAuthMethod();
			String secretHash = current.secretHash();
			String ciphertext = current.secretCiphertext();
			if (methodChanged) {
				newSecret[0] = valid.method().secretBased() ? ClientSecrets.generate() : null;
				secretHash = hashFor(valid.method(), newSecret[0]);
				ciphertext = ciphertextFor(valid.method(), newSecret[0], id);
			}
			return new ClientRecord(id, kind, request.model(), valid.method(), request.jwks(),
					request.tlsClientAuthSubjectDn(), request.tlsClientAuthSanUri(), request.tlsClientAuthSanDns(),
				valid.scopes(), valid.resources(),
					Boolean.TRUE.equals(request.dpopBoundAccessTokens()),
					Boolean.TRUE.equals(request.tlsClientCertificateBoundAccessTokens()), request.attestation(),
					request.labels(), current.status(), secretHash, ciphertext, current.createdAt(),
					this.registry.clock().instant(), current.tokensRevokedAtMs(), current.attestationResetAtMs(),
					current.enrollmentGroup(), current.version() + 1);
		}).orElseThrow(() -> new ClientNotFoundException(kind, id));
		this.audit.adminAction(actor, "patch", id, "ok");
		return new Registration(updated, newSecret[0]);
	}

	/**
	 * Suspends a client: no new tokens, and existing ones die (kill switch). Only an active
	 * client is suspended; a quarantined one stays quarantined — it leaves quarantine only
	 * by {@link #resume} (CONTRACT "Provisioning, lifecycle and anomalies").
	 */
	public void suspend(ClientKind kind, String id, String actor) {
		transition(kind, id, actor, "suspend", current -> switch (current.status()) {
			case SUSPENDED -> current;
			case ACTIVE -> kill(current).withStatus(ClientStatus.SUSPENDED, now());
			default -> throw new ClientConflictException(
					id + " is " + current.status().wireName() + " and cannot be suspended");
		});
	}

	/** Resumes a suspended or quarantined client. Tokens killed by the suspension stay dead. */
	public void resume(ClientKind kind, String id, String actor) {
		transition(kind, id, actor, "resume", current -> switch (current.status()) {
			case ACTIVE -> current;
			case SUSPENDED, QUARANTINED -> current.withStatus(ClientStatus.ACTIVE, now());
			default -> throw new ClientConflictException(
					id + " is " + current.status().wireName() + " and cannot be resumed");
		});
	}

	/**
	 * Quarantines a device on an anomaly response (CONTRACT "Provisioning, lifecycle and
	 * anomalies"): {@code active → quarantined} with its tokens killed; left only by an admin
	 * {@link #resume}. A device in any other status is left as it is: pending and suspended
	 * ones get no tokens anyway, retired ones never again.
	 * @param reason why (the anomaly), for the audit line
	 * @return whether the device was active and is now quarantined
	 */
	public boolean quarantine(String id, String actor, String reason) {
		boolean[] changed = new boolean[1];
		transition(ClientKind.DEVICE, id, actor, "quarantine." + reason, current -> {
			// set on every attempt: the registry retries the change on a concurrent update
			changed[0] = current.status() == ClientStatus.ACTIVE;
			return changed[0] ? kill(current).withStatus(ClientStatus.QUARANTINED, now()) : current;
		});
		return changed[0];
	}

	/**
	 * Approves a device registered just in time by a group with manual approval: {@code
	 * pending → active} (CONTRACT "Provisioning"); any other status is a conflict.
	 */
	public void approve(String id, String actor) {
		transition(ClientKind.DEVICE, id, actor, "approve", current -> {
			if (current.status() != ClientStatus.PENDING) {
				throw new ClientConflictException(id + " is " + current.status().wireName() + ", not pending");
			}
			return current.withStatus(ClientStatus.ACTIVE, now());
		});
	}

	/** Kill switch: every token issued to the client so far dies; new ones may be issued. */
	public void revokeTokens(ClientKind kind, String id, String actor) {
		transition(kind, id, actor, "revoke-tokens",
				current -> (current.status() == ClientStatus.RETIRED) ? current : kill(current));
	}

	/**
	 * Step-up, the registry's part: tokens issued to the device so far no longer count as
	 * attested ({@code attestation_reset_at_ms} of its standing).
	 */
	public void resetAttestation(String id, String actor) {
		transition(ClientKind.DEVICE, id, actor, "step-up", current -> (current.status() == ClientStatus.RETIRED)
				? current : current.withAttestationResetAt(now().toEpochMilli(), now()));
	}

	/** Retires a client for good: its tokens die and its id is never reused. */
	public void retire(ClientKind kind, String id, String actor) {
		transition(kind, id, actor, "retire", current -> (current.status() == ClientStatus.RETIRED) ? current
				: kill(current).withStatus(ClientStatus.RETIRED, now()));
		// also when it was retired already: a retry after a failed listener completes the job
		this.retirementListeners.forEach(listener -> listener.accept(id, actor));
	}

	/**
	 * Runs {@code listener(id, actor)} after each retirement — the device PKI revokes the
	 * device's certificates — without this package knowing of it.
	 */
	public void onRetired(BiConsumer<String, String> listener) {
		this.retirementListeners.add(listener);
	}

	/**
	 * Applies {@code change}; audits the action, and the status transition (from → to)
	 * when the status did change — a retried or no-op action is not a transition.
	 */
	private void transition(ClientKind kind, String id, String actor, String action,
			java.util.function.UnaryOperator<ClientRecord> change) {
		ClientStatus[] before = new ClientStatus[1];
		ClientRecord after;
		try {
			after = this.registry.update(id, current -> {
				requireKind(kind, current);
				// the update may run again on a concurrent change: the last run is the one stored
				before[0] = current.status();
				return change.apply(current);
			}).orElseThrow(() -> new ClientNotFoundException(kind, id));
		}
		catch (RuntimeException ex) {
			this.audit.adminAction(actor, action, id, outcome(ex));
			throw ex;
		}
		this.audit.adminAction(actor, action, id, "ok");
		if (before[0] != null && before[0] != after.status()) {
			this.audit.lifecycle(id, kind.wireName(), before[0].wireName(), after.status().wireName(), actor, action);
		}
	}

	private ClientRecord kill(ClientRecord current) {
		return current.withTokensRevokedAt(now().toEpochMilli(), now());
	}

	private Optional<ClientRecord> find(ClientKind kind, String id) {
		if (!ClientRegistrationValidator.ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return this.registry.find(id).filter(r -> r.kind() == kind);
	}

	private static void requireKind(ClientKind kind, ClientRecord record) {
		if (record.kind() != kind) {
			throw new ClientNotFoundException(kind, record.id());
		}
	}

	private String hashFor(AuthMethod method, String secret) {
		return (method == AuthMethod.CLIENT_SECRET_BASIC) ? ClientSecrets.hash(secret) : null;
	}

	private String ciphertextFor(AuthMethod method, String secret, String id) {
		return (method == AuthMethod.CLIENT_SECRET_JWT) ? this.kek.encrypt(secret, id) : null;
	}

	private Instant now() {
		return this.registry.clock().instant();
	}

	private static String outcome(RuntimeException ex) {
		if (ex instanceof ClientNotFoundException) {
			return "not_found";
		}
		if (ex instanceof ClientConflictException) {
			return "conflict";
		}
		return "error";
	}

	/** A stored (or prepared) client and the secret generated for it, if any. */
	public record Registration(ClientRecord record, String secret) {
	}

	/** Builds views for a page. */
	public static List<ClientView> views(List<ClientRecord> records) {
		List<ClientView> views = new ArrayList<>(records.size());
		records.forEach(r -> views.add(ClientView.of(r)));
		return views;
	}

}
