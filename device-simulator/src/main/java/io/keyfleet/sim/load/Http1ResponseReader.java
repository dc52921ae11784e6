package io.keyfleet.sim.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses, one after the other, from a kept-alive connection: the status
 * line, the header fields it needs, and the body framed by {@code Content-Length}, by the
 * chunked transfer coding, or by the end of the connection.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-6.3">RFC 9112 Section 6.3 (message body length)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-7.1">RFC 9112 Section 7.1 (chunked)</a>
 */
final class Http1ResponseReader {

	static final int MAX_HEADER_LINE = 16 * 1024;

	static final int MAX_BODY = 16 * 1024 * 1024;

	private final InputStream in;

	private final byte[] buffer = new byte[16 * 1024];

	private int position;

	private int limit;

	private final StringBuilder line = new StringBuilder(128);

	Http1ResponseReader(InputStream in) {
		this.in = in;
	}

	/**
	 * @return the next response
	 * @throws EOFException when the server closed the connection before a status line
	 * @throws MalformedResponseException when what came is not an HTTP/1.1 response
	 * @throws IOException when reading fails
	 */
	Http1Response read() throws IOException {
		if (!fill()) {
			throw new EOFException("the server closed the connection");
		}
		String statusLine = readLine();
		if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
			throw new MalformedResponseException("not an HTTP/1.1 status line: " + abbreviate(statusLine));
		}
		int status = parseInt(statusLine.substring(9, 12), "status code");
		boolean close = statusLine.startsWith("HTTP/1.0");
		long contentLength = -1;
		boolean chunked = false;
		String retryAfter = null;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				throw new MalformedResponseException("not a header field: " + abbreviate(header));
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = parseInt(value, "Content-Length");
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
				case "connection" -> close = connectionCloses(value.toLowerCase(Locale.ROOT), close);
				case "retry-after" -> retryAfter = value;
				default -> {
				}
			}
		}
		if (status / 100 == 1 || status == 204 || status == 304) {
			return new Http1Response(status, new byte[0], retryAfter, close);
		}
		if (chunked) {
			return new Http1Response(status, readChunked(), retryAfter, close);
		}
		if (contentLength >= 0) {
			return new Http1Response(status, readExactly(contentLength), retryAfter, close);
		}
		return new Http1Response(status, readToEnd(), retryAfter, true);
	}

	private byte[] readChunked() throws IOException {
		byte[] body = new byte[0];
		while (true) {
			String sizeLine = readLine();
			int extension = sizeLine.indexOf(';');
			String hex = ((extension >= 0) ? sizeLine.substring(0, extension) : sizeLine).trim();
			long size;
			try {
				size = Long.parseLong(hex, 16);
			}
			catch (NumberFormatException ex) {
				throw new MalformedResponseException("not a chunk size: " + abbreviate(sizeLine));
			}
			if (size == 0) {
				while (!readLine().isEmpty()) {
					// trailer fields: not used
				}
				return body;
			}
			byte[] chunk = readExactly(size);
			if (body.length + chunk.length > MAX_BODY) {
				throw new MalformedResponseException("body larger than " + MAX_BODY + " bytes");
			}
			body = Arrays.copyOf(body, body.length + chunk.length);
			System.arraycopy(chunk, 0, body, body.length - chunk.length, chunk.length);
			if (!readLine().isEmpty()) {
				throw new MalformedResponseException("chunk data not followed by CRLF");
			}
		}
	}

	private byte[] readExactly(long count) throws IOException {
		if (count > MAX_BODY) {
			throw new MalformedResponseException("body larger than " + MAX_BODY + " bytes");
		}
		byte[] bytes = new byte[(int) count];
		int done = 0;
		while (done < count) {
			if (!fill()) {
				throw new EOFException("the server closed the connection in the middle of a body");
			}
			int n = Math.min(this.limit - this.position, bytes.length - done);
			System.arraycopy(this.buffer, this.position, bytes, done, n);
			this.position += n;
			done += n;
		}
		return bytes;
	}

	private byte[] readToEnd() throws IOException {
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		while (fill()) {
			body.write(this.buffer, this.position, this.limit - this.position);
			this.position = this.limit;
			if (body.size() > MAX_BODY) {
				throw new MalformedResponseException("body larger than " + MAX_BODY + " bytes");
			}
		}
		return body.toByteArray();
	}

	private String readLine() throws IOException {
		this.line.setLength(0);
		while (true) {
			if (!fill()) {
				throw new EOFException("the server closed the connection in the middle of a response");
			}
			byte b = this.buffer[this.position++];
			if (b == '\n') {
				int end = this.line.length();
				if (end > 0 && this.line.charAt(end - 1) == '\r') {
					this.line.setLength(end - 1);
				}
				return this.line.toString();
			}
			if (this.line.length() >= MAX_HEADER_LINE) {
				throw new MalformedResponseException("header line longer than " + MAX_HEADER_LINE + " bytes");
			}
			this.line.append((char) (b & 0xff));
		}
	}

	private boolean fill() throws IOException {
		if (this.position < this.limit) {
			return true;
		}
		int n = this.in.read(this.buffer, 0, this.buffer.length);
		if (n <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = n;
		return true;
	}

	private static boolean connectionCloses(String value, boolean byDefault) {
		if (value.contains("close")) {
			return true;
		}
		return byDefault && !value.contains("keep-alive");
	}

	private static int parseInt(String value, String what) throws MalformedResponseException {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new MalformedResponseException("invalid " + what + ": " + abbreviate(value));
		}
	}

	private static String abbreviate(String text) {
		String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
		return (printable.length() > 60) ? printable.substring(0, 60) + "..." : printable;
	}

}
