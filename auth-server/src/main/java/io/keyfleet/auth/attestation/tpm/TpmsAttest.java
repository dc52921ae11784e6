package io.keyfleet.auth.attestation.tpm;

import java.util.ArrayList;
import java.util.List;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;

/**
 * A TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE: the fields a verifier needs — magic, type,
 * extraData (the nonce), the PCR selection and pcrDigest.
 *
 * @param pcrSelection the selected PCRs in selection order, as (hash algorithm, PCR index)
 * @see <a href="https://trustedcomputinggroup.org/resource/tpm-library-specification/">TPM 2.0 Library, Part 2 §10.12.8 TPMS_ATTEST, §10.12.1 TPMS_QUOTE_INFO</a>
 */
public record TpmsAttest(long magic, int type, byte[] extraData, List<PcrRef> pcrSelection, byte[] pcrDigest) {

	/** TPM_GENERATED_VALUE: only the TPM itself makes structures that start with it. */
	public static final long TPM_GENERATED_VALUE = 0xff544347L;

	public static final int TPM_ST_ATTEST_QUOTE = 0x8018;

	public static final int TPM_ALG_SHA256 = 0x000b;

	/**
	 * Parses a quote. The magic is checked first, then the type, so that a structure the
	 * TPM did not make, or another kind of attestation, is named as such.
	 */
	public static TpmsAttest parseQuote(byte[] quote) {
		TpmReader in = new TpmReader(quote);
		long magic = in.u32();
		if (magic != TPM_GENERATED_VALUE) {
			throw new AttestationException(Reason.BAD_MAGIC,
					"tpm2-quote: magic is 0x" + Long.toHexString(magic) + ", not TPM_GENERATED_VALUE");
		}
		int type = in.u16();
		if (type != TPM_ST_ATTEST_QUOTE) {
			throw new AttestationException(Reason.WRONG_ATTEST_TYPE,
					"tpm2-quote: attestation type is 0x" + Integer.toHexString(type) + ", not a quote (0x8018)");
		}
		in.sized(); // qualifiedSigner
		byte[] extraData = in.sized();
		in.u64(); // clockInfo.clock
		in.u32(); // clockInfo.resetCount
		in.u32(); // clockInfo.restartCount
		in.u8(); // clockInfo.safe
		in.u64(); // firmwareVersion
		List<PcrRef> selection = new ArrayList<>();
		long count = in.u32();
		if (count > 16) {
			throw new AttestationException(Reason.MALFORMED, "tpm2-quote: " + count + " PCR selections");
		}
		for (long s = 0; s < count; s++) {
			int hash = in.u16();
			int size = in.u8();
			byte[] bitmap = in.bytes(size);
			for (int index = 0; index < size * 8; index++) {
				if ((bitmap[index / 8] & (1 << (index % 8))) != 0) {
					selection.add(new PcrRef(hash, index));
				}
			}
		}
		byte[] pcrDigest = in.sized();
		in.end();
		return new TpmsAttest(magic, type, extraData, List.copyOf(selection), pcrDigest);
	}

	/** One selected PCR: its bank (hash algorithm id) and index. */
	public record PcrRef(int hashAlgorithm, int index) {
	}

}
