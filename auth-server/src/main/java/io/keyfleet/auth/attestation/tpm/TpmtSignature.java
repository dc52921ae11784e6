package io.keyfleet.auth.attestation.tpm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.keys.EcdsaProvider;

/**
 * A TPMT_SIGNATURE by an attestation key: ECDSA (r, s as TPM2Bs) or RSASSA-PKCS1-v1_5, both
 * over SHA-256 of the signed bytes.
 *
 * @see <a href="https://trustedcomputinggroup.org/resource/tpm-library-specification/">TPM 2.0 Library, Part 2 §11.3.4 TPMT_SIGNATURE</a>
 */
public record TpmtSignature(int algorithm, int hash, byte[] value) {

	static final int TPM_ALG_RSASSA = 0x0014;

	static final int TPM_ALG_ECDSA = 0x0018;

	public static TpmtSignature parse(byte[] signature) {
		TpmReader in = new TpmReader(signature);
		int algorithm = in.u16();
		int hash = in.u16();
		byte[] value;
		if (algorithm == TPM_ALG_ECDSA) {
			BigInteger r = new BigInteger(1, in.sized());
			BigInteger s = new BigInteger(1, in.sized());
			ASN1EncodableVector rs = new ASN1EncodableVector();
			rs.add(new ASN1Integer(r));
			rs.add(new ASN1Integer(s));
			try {
				value = new DERSequence(rs).getEncoded();
			}
			catch (java.io.IOException ex) {
				throw new AttestationException(Reason.MALFORMED, "tpm2-quote: unusable ECDSA signature");
			}
		}
		else if (algorithm == TPM_ALG_RSASSA) {
			value = in.sized();
		}
		else {
			throw new AttestationException(Reason.MALFORMED,
					"tpm2-quote: signature algorithm 0x" + Integer.toHexString(algorithm) + " is not ECDSA or RSASSA");
		}
		in.end();
		if (hash != TpmsAttest.TPM_ALG_SHA256) {
			throw new AttestationException(Reason.MALFORMED, "tpm2-quote: the signature does not use SHA-256");
		}
		return new TpmtSignature(algorithm, hash, value);
	}

	/** Whether this signature over {@code signed} verifies under the attestation key. */
	public boolean verifies(byte[] signed, PublicKey attestationKey) {
		try {
			Signature verifier;
			PublicKey key;
			if (this.algorithm == TPM_ALG_ECDSA && attestationKey instanceof ECPublicKey) {
				// the JDK's own ECDSA costs about 1 ms per verification, AWS-LC's a tenth of that
				verifier = Signature.getInstance("SHA256withECDSA", EcdsaProvider.provider());
				key = EcdsaProvider.convert(attestationKey);
			}
			else if (this.algorithm == TPM_ALG_RSASSA && attestationKey instanceof RSAPublicKey) {
				verifier = Signature.getInstance("SHA256withRSA");
				key = attestationKey;
			}
			else {
				return false;
			}
			verifier.initVerify(key);
			verifier.update(signed);
			return verifier.verify(this.value);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

}
