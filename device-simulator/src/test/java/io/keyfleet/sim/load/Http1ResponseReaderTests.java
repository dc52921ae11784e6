package io.keyfleet.sim.load;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Http1ResponseReaderTests {

	@Test
	void readWhenContentLengthThenBodyAndKeepAlive() throws Exception {
		Http1Response response = reader("HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n"
				+ "{\"access_token\":\"abc\"}\n\n").read();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.bodyText()).isEqualTo("{\"access_token\":\"abc\"}\n\n");
		assertThat(response.jsonString("access_token")).isEqualTo("abc");
		assertThat(response.close()).isFalse();
	}

	@Test
	void readWhenChunkedWithExtensionsAndTrailerThenBodyReassembled() throws Exception {
		Http1Response response = reader("HTTP/1.1 401 \r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "b;ext=1\r\n{\"error\":\"i\r\n10\r\nnvalid_client\"} \r\n0\r\nX-Trailer: t\r\n\r\n").read();

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.bodyText()).isEqualTo("{\"error\":\"invalid_client\"} ");
		assertThat(response.jsonString("error")).isEqualTo("invalid_client");
	}

	@Test
	void readWhenResponsesFollowEachOtherThenEachReadInTurnEvenOneByteAtATime() throws Exception {
		String one = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 2\r\n\r\n{}";
		String two = "HTTP/1.1 204 No Content\r\n\r\n";
		String three = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
		Http1ResponseReader reader = new Http1ResponseReader(trickle(one + two + three));

		Http1Response first = reader.read();
		assertThat(first.status()).isEqualTo(429);
		assertThat(first.retryAfter()).isEqualTo("1");
		assertThat(reader.read().status()).isEqualTo(204);
		assertThat(reader.read().bodyText()).isEqualTo("abc");
		assertThatExceptionOfType(EOFException.class).isThrownBy(reader::read);
	}

	@Test
	void readWhenConnectionCloseThenMarkedClose() throws Exception {
		assertThat(reader("HTTP/1.1 503 \r\nConnection: close\r\nContent-Length: 0\r\n\r\n").read().close()).isTrue();
		assertThat(reader("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").read().close()).isTrue();
		assertThat(reader("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").read().close())
			.isFalse();
	}

	@Test
	void readWhenNoLengthThenBodyUntilEndAndClose() throws Exception {
		Http1Response response = reader("HTTP/1.1 200 OK\r\n\r\nuntil the end").read();

		assertThat(response.bodyText()).isEqualTo("until the end");
		assertThat(response.close()).isTrue();
	}

	@Test
	void readWhenNotHttpThenMalformedResponse() {
		assertThatExceptionOfType(MalformedResponseException.class)
			.isThrownBy(() -> reader("SSH-2.0-OpenSSH_9.2\r\n").read())
			.withMessageContaining("not an HTTP/1.1 status line");
		assertThatExceptionOfType(MalformedResponseException.class)
			.isThrownBy(() -> reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").read())
			.withMessageContaining("not a chunk size");
	}

	@Test
	void readWhenBodyCutShortThenEof() {
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").read());
	}

	@Test
	void readWhenNothingThenEofBecauseServerClosed() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> reader("").read())
			.withMessageContaining("closed the connection");
	}

	@Test
	void jsonStringWhenMemberMissingOrNotStringThenNull() throws Exception {
		Http1Response response = reader("HTTP/1.1 200 OK\r\nContent-Length: 18\r\n\r\n{\"expires_in\":300}")
			.read();

		assertThat(response.jsonString("access_token")).isNull();
		assertThat(response.jsonString("expires_in")).isNull();
	}

	private static Http1ResponseReader reader(String text) {
		return new Http1ResponseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
	}

	/** Returns at most one byte per read, like a slow network. */
	private static InputStream trickle(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)) {
			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, 1));
			}
		};
	}

}
