package io.keyfleet.guard.authorization;

import org.springframework.http.HttpStatus;

/**
 * Why the guard refused a request that carried a valid token, each with its RFC 9457
 * problem {@code type} ({@code https://keyfleet.io/problems/<slug>}) and the status it is
 * answered with (CONTRACT.md "Resource servers"): the token is good but not allowed here
 * → {@code 403 insufficient_scope}; the token no longer carries what it claims (a
 * step-up reset its attestation) → {@code 401 invalid_token}.
 */
public enum DenialReason {

	/** A scope the endpoint needs is not in the token's {@code scope}. */
	SCOPE_MISSING(HttpStatus.FORBIDDEN, "scope-missing", "Scope missing"),

	/** The path names a resource of someone else than the token's {@code sub}. */
	NOT_OWNER(HttpStatus.FORBIDDEN, "not-owner", "Not the owner"),

	/** The endpoint is for service clients, and the token's client is a device. */
	SERVICE_CLIENTS_ONLY(HttpStatus.FORBIDDEN, "service-clients-only", "Service clients only"),

	/** The endpoint needs an attested device, and the token carries no (unexpired) {@code att}. */
	ATTESTATION_REQUIRED(HttpStatus.FORBIDDEN, "attestation-required", "Attestation required"),

	/** The token's {@code att.status} is below what the endpoint needs. */
	ATTESTATION_INSUFFICIENT(HttpStatus.FORBIDDEN, "attestation-insufficient", "Attestation insufficient"),

	/** The device was stepped up after the token was issued: its attestation is void. */
	ATTESTATION_RESET(HttpStatus.UNAUTHORIZED, "attestation-reset", "Attestation reset"),

	/** No rule of the guard allows the request (e.g. {@code denyAll}). */
	NOT_ALLOWED(HttpStatus.FORBIDDEN, "not-allowed", "Not allowed"),

	/** The state store cannot be trusted right now: fail closed. */
	STATE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "state-unavailable", "State store unavailable");

	/** Base of every problem type the guard answers with. */
	public static final String PROBLEM_BASE = "https://keyfleet.io/problems/";

	private final HttpStatus status;

	private final String slug;

	private final String title;

	DenialReason(HttpStatus status, String slug, String title) {
		this.status = status;
		this.slug = slug;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The RFC 9457 {@code type}, e.g. {@code https://keyfleet.io/problems/scope-missing}. */
	public String type() {
		return PROBLEM_BASE + this.slug;
	}

	public String title() {
		return this.title;
	}

}
