package io.keyfleet.sim.load;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;

/**
 * OCSP requests (RFC 6960 Section 4.1, {@code POST} as in Appendix A.1) for the serials of
 * certificates issued before the measurement, round robin, and their answers checked: a
 * {@code successful} response whose status for the certificate is {@code good}, and with
 * {@code --ocsp-nonce} the request's nonce echoed (RFC 8954). Without a nonce the requests
 * are encoded once; with one, each request is encoded anew (no signature either way).
 */
final class OcspOperation implements PkiOperation {

	private static final String HEADERS = "Content-Type: application/ocsp-request\r\nAccept: application/ocsp-response\r\n";

	private final URI endpoint;

	private final List<CertificateID> certificates;

	private final byte[][] encoded;

	private final byte[] noncePrefix;

	/**
	 * @param endpoint the responder, {@code <issuer>/pki/ocsp}
	 * @param certificates the certificates to ask about
	 * @param nonce whether each request carries a nonce
	 */
	OcspOperation(URI endpoint, List<CertificateID> certificates, boolean nonce) {
		this.endpoint = endpoint;
		this.certificates = List.copyOf(certificates);
		if (nonce) {
			this.noncePrefix = new byte[8];
			new SecureRandom().nextBytes(this.noncePrefix);
			this.encoded = null;
		}
		else {
			this.noncePrefix = null;
			this.encoded = certificates.stream().map((id) -> encode(id, null)).toArray(byte[][]::new);
		}
	}

	@Override
	public String name() {
		return (this.noncePrefix != null) ? "ocsp-with-nonce" : "ocsp";
	}

	@Override
	public void write(AsciiBuffer request, long index) {
		int at = (int) (index % this.certificates.size());
		byte[] body = (this.noncePrefix != null) ? encode(this.certificates.get(at), nonce(index)) : this.encoded[at];
		PkiOperation.post(request, this.endpoint, HEADERS, body);
	}

	@Override
	public boolean judge(Phase phase, long index, Http1Response response) {
		if (response.status() != 200) {
			phase.errors.answer("", response.status(), null);
			return false;
		}
		try {
			OCSPResp answer = new OCSPResp(response.body());
			if (answer.getStatus() != OCSPResp.SUCCESSFUL) {
				phase.errors.add("ocsp_status_" + answer.getStatus()); // RFC 6960 4.2.1 OCSPResponseStatus
				return false;
			}
			BasicOCSPResp basic = (BasicOCSPResp) answer.getResponseObject();
			SingleResp[] single = basic.getResponses();
			if (single.length != 1 || single[0].getCertStatus() != CertificateStatus.GOOD) {
				phase.errors.add("ocsp_not_good");
				return false;
			}
			if (this.noncePrefix != null) {
				Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
				if (echoed == null || !Arrays.equals(echoed.getExtnValue().getOctets(), nonceValue(nonce(index)))) {
					phase.errors.add("ocsp_nonce_not_echoed");
					return false;
				}
			}
			return true;
		}
		catch (IOException | OCSPException | RuntimeException ex) {
			phase.errors.add("ocsp_bad_response");
			return false;
		}
	}

	/** 16 octets: this run's random prefix and the request number, so the judge can recompute it. */
	private byte[] nonce(long index) {
		return ByteBuffer.allocate(16).put(this.noncePrefix).putLong(index).array();
	}

	/**
	 * RFC 8954 Section 2.1: the extension's value is the DER of {@code Nonce ::= OCTET STRING}
	 * (as {@code openssl ocsp} sends it), not the bare octets.
	 */
	private static byte[] nonceValue(byte[] nonce) {
		try {
			return new DEROctetString(nonce).getEncoded();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode an OCSP nonce", ex);
		}
	}

	private static byte[] encode(CertificateID id, byte[] nonce) {
		try {
			OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
			if (nonce != null) {
				builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
						nonceValue(nonce))));
			}
			return builder.build().getEncoded();
		}
		catch (OCSPException | IOException ex) {
			throw new IllegalStateException("cannot encode an OCSP request", ex);
		}
	}

}
