package io.keyfleet.auth.attestation.ear;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.EvidenceVerifier;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.attestation.VerifiedEvidence;

/**
 * A format the server does not appraise itself: the evidence is POSTed to the one
 * external verifier configured for it, and the EAT Attestation Result it answers with is
 * verified like any other ({@link EarVerifier}, its {@code eat_nonce} must be an issued
 * challenge). Request: {@code application/json}
 * {@code {"format", "evidence", "device_id", "model", "ueid"}}; answer: {@code 200} with
 * the EAR as {@code application/eat+jwt} (or JSON {@code {"ear": "..."}}). A timeout, an
 * error status, an unreadable answer or an untrusted signature refuses the evidence (fail
 * closed) without holding it against the device. The URL comes from configuration only.
 */
public final class RemoteEvidenceVerifier implements EvidenceVerifier {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_RESPONSE_BYTES = 64 * 1024;

	private final String format;

	private final URI url;

	private final Duration timeout;

	private final EarVerifier ears;

	private final HttpClient http;

	public RemoteEvidenceVerifier(String format, URI url, Duration timeout, EarVerifier ears) {
		VerifierUrls.check(url, "remote verifier URL");
		this.format = format;
		this.url = url;
		this.timeout = timeout;
		this.ears = ears;
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public String format() {
		return this.format;
	}

	@Override
	public VerifiedEvidence verify(String evidence, DeviceAttestation device, NonceCheck nonces) {
		String ear = exchange(evidence, device);
		try {
			return new VerifiedEvidence(this.format,
					EvidenceClaims.ofVerifierStatus(this.ears.verify(ear, device, nonces, Reason.VERIFIER_UNAVAILABLE)));
		}
		catch (AttestationException ex) {
			if (ex.reason() == Reason.MALFORMED) {
				// the verifier's answer is unreadable or stale, not the device's evidence
				throw unavailable("answered no usable EAR (" + ex.getMessage() + ")");
			}
			throw ex;
		}
	}

	private String exchange(String evidence, DeviceAttestation device) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("format", this.format);
		body.put("evidence", evidence);
		body.put("device_id", device.deviceId());
		body.put("model", device.model());
		body.put("ueid", device.ueid());
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/eat+jwt, application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		HttpResponse<InputStream> response;
		byte[] answer;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				answer = in.readNBytes(MAX_RESPONSE_BYTES + 1);
			}
		}
		catch (IOException ex) {
			throw unavailable("cannot be reached or timed out");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("was interrupted");
		}
		if (response.statusCode() != 200) {
			throw unavailable("answered " + response.statusCode());
		}
		if (answer.length > MAX_RESPONSE_BYTES) {
			throw unavailable("answered more than " + MAX_RESPONSE_BYTES + " bytes");
		}
		String text = new String(answer, StandardCharsets.UTF_8).trim();
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (type.startsWith("application/json")) {
			try {
				if (JSON.readValue(text, Object.class) instanceof Map<?, ?> answered
						&& answered.get("ear") instanceof String jwt) {
					return jwt;
				}
			}
			catch (JacksonException ex) {
				// handled below
			}
			throw unavailable("answered JSON without an ear");
		}
		return text;
	}

	private AttestationException unavailable(String what) {
		return new AttestationException(Reason.VERIFIER_UNAVAILABLE,
				this.format + ": the external verifier " + what);
	}

}
