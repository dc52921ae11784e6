package io.keyfleet.sim.load;

import java.util.Arrays;

/**
 * A growable byte buffer for building HTTP/1.1 requests without intermediate strings: one
 * per worker thread, {@link #reset() reset} for every request, so the steady state
 * allocates nothing here. Text appended must be US-ASCII (request lines, header fields,
 * form-urlencoded bodies and base64url all are).
 */
final class AsciiBuffer {

	private byte[] bytes;

	private int length;

	AsciiBuffer(int initialCapacity) {
		this.bytes = new byte[initialCapacity];
	}

	AsciiBuffer reset() {
		this.length = 0;
		return this;
	}

	AsciiBuffer append(byte[] value) {
		return append(value, 0, value.length);
	}

	AsciiBuffer append(byte[] value, int offset, int count) {
		ensure(count);
		System.arraycopy(value, offset, this.bytes, this.length, count);
		this.length += count;
		return this;
	}

	AsciiBuffer append(AsciiBuffer other) {
		return append(other.bytes, 0, other.length);
	}

	/**
	 * @param value US-ASCII text; each char is written as one byte
	 * @return this buffer
	 */
	AsciiBuffer append(CharSequence value) {
		int count = value.length();
		ensure(count);
		for (int i = 0; i < count; i++) {
			this.bytes[this.length++] = (byte) value.charAt(i);
		}
		return this;
	}

	AsciiBuffer append(char value) {
		ensure(1);
		this.bytes[this.length++] = (byte) value;
		return this;
	}

	AsciiBuffer append(long value) {
		if (value == 0) {
			return append('0');
		}
		if (value < 0) {
			append('-');
			value = -value;
		}
		int digits = 0;
		for (long rest = value; rest > 0; rest /= 10) {
			digits++;
		}
		ensure(digits);
		for (int i = this.length + digits - 1; i >= this.length; i--) {
			this.bytes[i] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		this.length += digits;
		return this;
	}

	byte[] array() {
		return this.bytes;
	}

	int length() {
		return this.length;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.length);
	}

	@Override
	public String toString() {
		return new String(this.bytes, 0, this.length, java.nio.charset.StandardCharsets.US_ASCII);
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
