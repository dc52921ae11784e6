package io.keyfleet.sim.load;

import java.io.IOException;
import java.util.List;

import io.keyfleet.sim.attest.AttestationErrors;

/**
 * One worker of a {@link LoadRunner}: a thread's worth of token requests (request
 * {@code i} for device {@code i mod n}) over its own kept-alive connection(s), driven by
 * {@link PhaseLoop}.
 */
final class LoadWorker implements Exchanger {

	private final List<LoadDevice> devices;

	private final JtiSource jti;

	private final Http1Connection tokens;

	private final Http1Connection calls;

	private final CallRequest call;

	private final ChallengeRequest challenge;

	private final DeviceConnections deviceTokens;

	private final DeviceConnections deviceCalls;

	private final AsciiBuffer request = new AsciiBuffer(2048);

	private final AsciiBuffer scratch = new AsciiBuffer(1024);

	/**
	 * @param devices the fleet, in round-robin order
	 * @param jti this worker's {@code jti} source
	 * @param tokens this worker's connection to the token endpoint
	 * @param calls this worker's connection to the called URL, or {@code null}
	 * @param call the call, or {@code null}
	 * @param challenge the challenge request of attesting devices, or {@code null} when none attests
	 * @param deviceTokens shared connections to the token endpoint for devices with their own certificate
	 * @param deviceCalls shared connections to the called URL for devices with their own certificate, or {@code null}
	 */
	LoadWorker(List<LoadDevice> devices, JtiSource jti, Http1Connection tokens, Http1Connection calls, CallRequest call,
			ChallengeRequest challenge, DeviceConnections deviceTokens, DeviceConnections deviceCalls) {
		this.challenge = challenge;
		this.deviceTokens = deviceTokens;
		this.deviceCalls = deviceCalls;
		this.devices = devices;
		this.jti = jti;
		this.tokens = tokens;
		this.calls = calls;
		this.call = call;
	}

	@Override
	public void write(long index) {
		write(device(index));
	}

	@Override
	public boolean exchange(Phase phase, long index) {
		return exchange(phase, device(index));
	}

	private LoadDevice device(long index) {
		return this.devices.get((int) (index % this.devices.size()));
	}

	private void write(LoadDevice device) {
		if (!device.attestsAlways()) { // else written after its challenge, within the measured time
			device.writeTokenRequest(this.request, this.scratch, this.jti, System.currentTimeMillis() / 1000);
		}
	}

	private boolean exchange(Phase phase, LoadDevice device) {
		Http1Response response = over(this.tokens, this.deviceTokens, device,
				(connection) -> tokenExchange(phase, device, connection));
		if (response == null) {
			return false;
		}
		if (response.status() != 200) {
			phase.errors.answer("", response.status(), response.jsonString("error"));
			return false;
		}
		String accessToken = response.jsonString("access_token");
		if (accessToken == null) {
			phase.errors.add("bad_token_response");
			return false;
		}
		return (this.call == null) || call(phase, device, accessToken);
	}

	/**
	 * The device's token request, after a challenge when it attests always, and once more
	 * with a challenge and evidence when the server asks for them: all over one connection,
	 * so that with mutual TLS the challenge goes over the device's own, like its token request.
	 * @return the last answer, or {@code null} when none came (counted)
	 */
	private Http1Response tokenExchange(Phase phase, LoadDevice device, Http1Connection connection) {
		if (device.attestsAlways() && !writeAttested(phase, device, connection)) {
			return null;
		}
		Http1Response response = send(phase, connection, "");
		if (response != null && device.attester() != null
				&& AttestationErrors.asksForEvidence(response.jsonString("error"))) {
			phase.attestation.retries.increment();
			response = writeAttested(phase, device, connection) ? send(phase, connection, "") : null;
		}
		return response;
	}

	/**
	 * Fetches a challenge over the connection, then writes the device's token request with
	 * fresh evidence over it.
	 */
	private boolean writeAttested(Phase phase, LoadDevice device, Http1Connection connection) {
		this.challenge.write(this.request);
		Http1Response answer = send(phase, connection, "challenge_");
		if (answer == null) {
			return false;
		}
		String nonce = (answer.status() == 200) ? answer.jsonString("attestation_challenge") : null;
		if (nonce == null) {
			phase.errors.answer("challenge_", answer.status(), answer.jsonString("error"));
			return false;
		}
		phase.attestation.challenges.increment();
		device.writeTokenRequest(this.request, this.scratch, this.jti, System.currentTimeMillis() / 1000, nonce);
		return true;
	}

	/**
	 * Runs an exchange over this worker's connection, or over one of the device's own when it
	 * presents its own client certificate.
	 */
	private Http1Response over(Http1Connection own, DeviceConnections shared, LoadDevice device, Exchange exchange) {
		if (device.socketFactory() == null) {
			return exchange.over(own);
		}
		Http1Connection connection = shared.take(device.id(), device.socketFactory());
		try {
			return exchange.over(connection);
		}
		finally {
			shared.release(device.id(), connection); // closed after a failure; reopened on next use
		}
	}

	/**
	 * Sends {@link #request}.
	 * @return the answer, or {@code null} when none came (counted with the prefix)
	 */
	private Http1Response send(Phase phase, Http1Connection connection, String errorPrefix) {
		try {
			return connection.exchange(this.request);
		}
		catch (IOException ex) {
			phase.errors.failure(errorPrefix, ex);
			return null;
		}
	}

	private boolean call(Phase phase, LoadDevice device, String accessToken) {
		this.call.write(this.request, accessToken, device.dpop());
		long start = System.nanoTime();
		Http1Response response = over(this.calls, this.deviceCalls, device,
				(connection) -> send(phase, connection, "call_"));
		if (response == null) {
			return false;
		}
		phase.callLatency.record(start, System.nanoTime());
		if (response.status() >= 400) {
			phase.errors.answer("call_", response.status(), null);
			return false;
		}
		return true;
	}

	@Override
	public int connectionsOpened() {
		return this.tokens.opened() + ((this.calls != null) ? this.calls.opened() : 0);
	}

	@Override
	public void close() {
		this.tokens.close();
		if (this.calls != null) {
			this.calls.close();
		}
	}

	/** One or more request-answer exchanges over one connection. */
	@FunctionalInterface
	private interface Exchange {

		Http1Response over(Http1Connection connection);

	}


}
