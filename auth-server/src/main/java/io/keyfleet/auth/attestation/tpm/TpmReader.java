package io.keyfleet.auth.attestation.tpm;

import java.util.Arrays;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;

/**
 * Reads TPM 2.0 marshalled structures (big-endian, TPM2B = u16 size + bytes) strictly:
 * no size may run past the end, and the caller checks that nothing is left over.
 *
 * @see <a href="https://trustedcomputinggroup.org/resource/tpm-library-specification/">TPM 2.0 Library, Part 2 §10.4</a>
 */
final class TpmReader {

	private final byte[] bytes;

	private int position;

	TpmReader(byte[] bytes) {
		this.bytes = bytes;
	}

	int u8() {
		need(1);
		return this.bytes[this.position++] & 0xff;
	}

	int u16() {
		need(2);
		int value = ((this.bytes[this.position] & 0xff) << 8) | (this.bytes[this.position + 1] & 0xff);
		this.position += 2;
		return value;
	}

	long u32() {
		return ((long) u16() << 16) | u16();
	}

	long u64() {
		return (u32() << 32) | u32();
	}

	byte[] bytes(int length) {
		need(length);
		byte[] out = Arrays.copyOfRange(this.bytes, this.position, this.position + length);
		this.position += length;
		return out;
	}

	/** A TPM2B: u16 size, then that many bytes. */
	byte[] sized() {
		return bytes(u16());
	}

	void end() {
		if (this.position != this.bytes.length) {
			throw new AttestationException(Reason.MALFORMED,
					"tpm2-quote: " + (this.bytes.length - this.position) + " trailing bytes");
		}
	}

	private void need(int length) {
		if (length < 0 || this.position + length > this.bytes.length) {
			throw new AttestationException(Reason.MALFORMED, "tpm2-quote: a size field runs past the end of the data");
		}
	}

}
