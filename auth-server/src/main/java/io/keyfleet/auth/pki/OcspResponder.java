package io.keyfleet.auth.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.keyfleet.auth.store.StateStoreUnavailableException;

/**
 * The device CA's OCSP responder (RFC 6960), the CA signing its own responses (§2.2,
 * §4.2.2.2: no delegated responder certificate to manage). Every request gets a DER
 * {@code OCSPResponse}, never an HTTP error: unparseable → {@code malformedRequest},
 * the state store down → {@code tryLater} (§2.3). Per certificate: {@code good},
 * {@code revoked} with time and reason, or {@code unknown} for serials this CA did not
 * record and for requests naming another issuer (§2.2). The request's nonce is echoed
 * (RFC 8954 §2.1); {@code nextUpdate} tells caches how long the answer holds (§4.2.2.1).
 * A request without a nonce for one certificate may be answered with a response signed
 * earlier ({@link OcspResponseCache}, which says when); one with a nonce is signed fresh.
 */
public final class OcspResponder {

	/** RFC 8954 §2.1: a nonce of 1 to 32 octets; longer ones are refused as malformed. */
	private static final int MAX_NONCE_OCTETS = 32;

	/** A request asking about more certificates than this is refused as malformed. */
	private static final int MAX_REQUESTS = 16;

	private final DeviceCa ca;

	private final Function<BigInteger, Optional<CertificateRecord>> records;

	private final Duration validity;

	private final Clock clock;

	private final DigestCalculatorProvider digests;

	private final OcspResponseCache cache;

	/**
	 * Signs every answer.
	 * @param records what the store knows of a serial ({@link CertificateStore#find})
	 */
	public OcspResponder(DeviceCa ca, Function<BigInteger, Optional<CertificateRecord>> records, Duration validity,
			Clock clock) {
		this(ca, records, validity, clock, OcspResponseCache.disabled());
	}

	OcspResponder(DeviceCa ca, Function<BigInteger, Optional<CertificateRecord>> records, Duration validity,
			Clock clock, OcspResponseCache cache) {
		this.cache = cache;
		this.ca = ca;
		this.records = records;
		this.validity = validity;
		this.clock = clock;
		try {
			this.digests = new JcaDigestCalculatorProviderBuilder().build();
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The DER OCSP response to a DER OCSP request. */
	public byte[] respond(byte[] request) {
		OCSPReq parsed;
		try {
			parsed = new OCSPReq(request);
		}
		catch (IOException | RuntimeException ex) {
			return status(OCSPRespBuilder.MALFORMED_REQUEST);
		}
		Req[] requests = parsed.getRequestList();
		Extension nonce = parsed.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
		if (requests.length == 0 || requests.length > MAX_REQUESTS
				|| (nonce != null && !validNonce(nonce))) {
			return status(OCSPRespBuilder.MALFORMED_REQUEST);
		}
		try {
			return (nonce == null && requests.length == 1 && this.cache.enabled()) ? cachedAnswer(requests[0])
					: answer(requests, nonce);
		}
		catch (StateStoreUnavailableException ex) {
			return status(OCSPRespBuilder.TRY_LATER);
		}
		catch (OCSPException | OperatorCreationException | RuntimeException ex) {
			// e.g. a CertID with a hash algorithm we cannot compute
			return status(OCSPRespBuilder.MALFORMED_REQUEST);
		}
	}

	private byte[] cachedAnswer(Req request) throws OCSPException, OperatorCreationException {
		String certId = HexFormat.of().formatHex(encode(request.getCertID().toASN1Primitive()));
		long version = this.cache.version();
		byte[] cached = this.cache.find(certId, version);
		if (cached != null) {
			return cached;
		}
		byte[] fresh = answer(new Req[] { request }, null);
		this.cache.put(certId, version, fresh);
		return fresh;
	}

	private byte[] answer(Req[] requests, Extension nonce) throws OCSPException, OperatorCreationException {
		Instant now = this.clock.instant();
		BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(this.ca.holder().getSubjectPublicKeyInfo(),
				this.digests.get(CertificateID.HASH_SHA1));
		for (Req request : requests) {
			builder.addResponse(request.getCertID(), statusOf(request.getCertID(), now), Date.from(now),
					Date.from(now.plus(this.validity)));
		}
		if (nonce != null) {
			builder.setResponseExtensions(new Extensions(nonce));
		}
		var basic = builder.build(this.ca.signer(), new X509CertificateHolder[] { this.ca.holder() }, Date.from(now));
		return encode(new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic));
	}

	private CertificateStatus statusOf(CertificateID id, Instant now) throws OCSPException {
		if (!id.matchesIssuer(this.ca.holder(), this.digests)) {
			return new UnknownStatus();
		}
		Optional<CertificateRecord> record = this.records.apply(id.getSerialNumber());
		if (record.isEmpty()) {
			return new UnknownStatus();
		}
		CertificateRecord certificate = record.get();
		if (certificate.revoked()) {
			return new RevokedStatus(Date.from(certificate.revokedAt()), certificate.reason().code());
		}
		return CertificateStatus.GOOD;
	}

	private static boolean validNonce(Extension nonce) {
		int length = nonce.getExtnValue().getOctets().length;
		return length > 0 && length <= MAX_NONCE_OCTETS + 2; // OCTET STRING header inside extnValue
	}

	private static byte[] status(int status) {
		try {
			return encode(new OCSPRespBuilder().build(status, null));
		}
		catch (OCSPException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encode(ASN1Object object) {
		try {
			return object.getEncoded(ASN1Encoding.DER);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encode(OCSPResp response) {
		try {
			return response.getEncoded();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
