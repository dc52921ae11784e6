package io.keyfleet.auth.attestation.ear;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * the EAR as {@code application/eat+jwt} (or JSON {@code {"ear": "..."}}), all of it within
 * the timeout and 64 KiB. A timeout, an error status, an unreadable answer or an untrusted
 * signature refuses the evidence (fail closed) without holding it against the device. The
 * URL comes from configuration only.
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
		// the timeout bounds the whole answer: HttpRequest.timeout alone stops at the headers
		CompletableFuture<HttpResponse<byte[]>> pending = this.http.sendAsync(request,
				(info) -> new CappedBody(MAX_RESPONSE_BYTES + 1));
		HttpResponse<byte[]> response;
		try {
			response = pending.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			pending.cancel(true);
			throw unavailable("cannot be reached or timed out");
		}
		catch (InterruptedException ex) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			throw unavailable("was interrupted");
		}
		byte[] answer = response.body();
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

	/** Collects a body up to {@code limit} bytes, then stops reading (cancels) and keeps what it has. */
	private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private Flow.Subscription subscription;

		CappedBody(int limit) {
			this.limit = limit;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				byte[] chunk = new byte[Math.min(buffer.remaining(), this.limit - this.bytes.size())];
				buffer.get(chunk);
				this.bytes.write(chunk, 0, chunk.length);
			}
			if (this.bytes.size() >= this.limit && !this.body.isDone()) {
				this.body.complete(this.bytes.toByteArray());
				this.subscription.cancel();
			}
		}

		@Override
		public void onError(Throwable error) {
			this.body.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toByteArray());
		}

	}

	private AttestationException unavailable(String what) {
		return new AttestationException(Reason.VERIFIER_UNAVAILABLE,
				this.format + ": the external verifier " + what);
	}

}
