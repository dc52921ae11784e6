package io.keyfleet.sim.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTallyTests {

	@Test
	void snapshotWhenAnswersAndFailuresThenCountedByKind() {
		ErrorTally tally = new ErrorTally();
		tally.answer("", 429, "slow_down");
		tally.answer("", 429, "slow_down");
		tally.answer("", 500, null);
		tally.answer("call_", 401, null);
		tally.failure("", new ConnectException("Connection refused"));
		tally.failure("", new SocketTimeoutException("Read timed out"));
		tally.failure("", new SSLHandshakeException("PKIX path building failed"));
		tally.failure("", new EOFException());
		tally.failure("", new MalformedResponseException("garbage"));
		tally.failure("call_", new IOException("Broken pipe"));

		assertThat(tally.snapshot()).containsExactly(java.util.Map.entry("bad_response", 1L),
				java.util.Map.entry("call_http_401", 1L), java.util.Map.entry("call_io_error", 1L),
				java.util.Map.entry("connect_error", 1L), java.util.Map.entry("connection_closed", 1L),
				java.util.Map.entry("http_429_slow_down", 2L), java.util.Map.entry("http_500", 1L),
				java.util.Map.entry("timeout", 1L), java.util.Map.entry("tls_error", 1L));
		assertThat(tally.total()).isEqualTo(10);
	}

}
