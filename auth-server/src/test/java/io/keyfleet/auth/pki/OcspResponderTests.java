package io.keyfleet.auth.pki;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * RFC 6960 responses: statuses, signature, nonce (RFC 8954), malformed requests; and the
 * cache of signed answers to requests without a nonce (RFC 5019 §2.2), which a revocation
 * and its lifetime end, and which a request with a nonce never gets.
 */
class OcspResponderTests {

	private static final BigInteger GOOD = BigInteger.valueOf(0x1111);

	private static final BigInteger REVOKED = BigInteger.valueOf(0x2222);

	private static final Duration CACHE_LIFETIME = Duration.ofSeconds(30);

	private static final Instant REVOKED_AT = Instant.parse("2026-11-20T10:00:00Z");

	private final DeviceCa ca = PkiFixtures.newDeviceCa();

	private final Map<BigInteger, CertificateRecord> records = Map.of(GOOD,
			CertificateRecord.good(GOOD, "dev-1", "a", Instant.now().plus(Duration.ofDays(7))), REVOKED,
			new CertificateRecord(REVOKED, "dev-1", "b", Instant.now().plus(Duration.ofDays(7)), true,
					RevocationReason.keyCompromise, REVOKED_AT));

	private final OcspResponder responder = new OcspResponder(this.ca,
			serial -> Optional.ofNullable(this.records.get(serial)), Duration.ofHours(1), Clock.systemUTC());

	@Test
	void respondThenGoodRevokedAndUnknownSignedByTheCaWithTheNonceEchoed() throws Exception {
		byte[] nonce = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
		OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id(this.ca.holder(), GOOD))
			.addRequest(id(this.ca.holder(), REVOKED))
			.addRequest(id(this.ca.holder(), BigInteger.TEN))
			.addRequest(id(PkiFixtures.newDeviceCa().holder(), GOOD))
			// RFC 8954 §2.1: extnValue is the DER of an OCTET STRING holding the nonce
			.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
					new DEROctetString(new DEROctetString(nonce)))));

		OCSPResp response = new OCSPResp(this.responder.respond(request.build().getEncoded()));

		assertThat(response.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
		BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
		assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(this.ca.holder()))).isTrue();
		SingleResp[] answers = basic.getResponses();
		assertThat(answers[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
		RevokedStatus revoked = (RevokedStatus) answers[1].getCertStatus();
		assertThat(revoked.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
		assertThat(revoked.getRevocationReason()).isEqualTo(RevocationReason.keyCompromise.code());
		assertThat(answers[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
		assertThat(answers[3].getCertStatus()).isInstanceOf(UnknownStatus.class);
		assertThat(answers[0].getNextUpdate()).isAfter(answers[0].getThisUpdate());
		assertThat(DEROctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
			.getParsedValue()).getOctets()).isEqualTo(nonce);
	}

	@Test
	void respondWhenNotAnOcspRequestThenMalformedRequest() throws Exception {
		for (byte[] garbage : new byte[][] { {}, { 0x30 }, { 0x30, 0x03, 0x02, 0x01, 0x01 }, "hello".getBytes() }) {
			assertThat(new OCSPResp(this.responder.respond(garbage)).getStatus())
				.isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
		}
	}

	@Test
	void respondWhenNonceTooLongThenMalformedRequest() throws Exception {
		OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id(this.ca.holder(), GOOD))
			.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
					new DEROctetString(new DEROctetString(new byte[64])))));

		assertThat(new OCSPResp(this.responder.respond(request.build().getEncoded())).getStatus())
			.isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
	}

	@Test
	void respondWithoutNonceWhenCachedGoodAndCertificateRevokedThenRevokedAtOnce() throws Exception {
		Map<BigInteger, CertificateRecord> status = new HashMap<>(this.records);
		AtomicLong revocations = new AtomicLong();
		OcspResponder cached = cachedResponder(status, revocations, Clock.systemUTC());
		byte[] request = new OCSPReqBuilder().addRequest(id(this.ca.holder(), GOOD)).build().getEncoded();
		byte[] first = cached.respond(request);

		assertThat(cached.respond(request)).as("the same signed response, not a new signature").isEqualTo(first);
		assertThat(single(first).getCertStatus()).isEqualTo(CertificateStatus.GOOD);

		// what CertificateStore.revoke does: the record says revoked, the shared counter moves
		status.put(GOOD, new CertificateRecord(GOOD, "dev-1", "a", Instant.now().plus(Duration.ofDays(7)), true,
				RevocationReason.keyCompromise, REVOKED_AT));
		revocations.incrementAndGet();

		assertThat(single(cached.respond(request)).getCertStatus()).isInstanceOf(RevokedStatus.class);
	}

	@Test
	void respondWithoutNonceWhenCacheLifetimeOverThenSignedAgain() throws Exception {
		MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
		OcspResponder cached = cachedResponder(this.records, new AtomicLong(), clock);
		byte[] request = new OCSPReqBuilder().addRequest(id(this.ca.holder(), GOOD)).build().getEncoded();
		byte[] first = cached.respond(request);

		clock.advance(CACHE_LIFETIME.minusMillis(1));
		assertThat(cached.respond(request)).isEqualTo(first);
		clock.advance(Duration.ofMillis(1));
		byte[] later = cached.respond(request);

		assertThat(later).isNotEqualTo(first);
		assertThat(single(later).getThisUpdate().toInstant()).isEqualTo(clock.instant());
	}

	@Test
	void respondWithNonceThenSignedFreshEveryTimeWithTheNonceEchoed() throws Exception {
		OcspResponder cached = cachedResponder(this.records, new AtomicLong(),
				Clock.systemUTC());
		byte[] plain = new OCSPReqBuilder().addRequest(id(this.ca.holder(), GOOD)).build().getEncoded();
		cached.respond(plain); // a cached answer for the same CertID exists

		for (byte nonce = 1; nonce <= 2; nonce++) {
			byte[] octets = { nonce, 42, 42, 42 };
			byte[] response = cached.respond(new OCSPReqBuilder().addRequest(id(this.ca.holder(), GOOD))
				.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
						new DEROctetString(new DEROctetString(octets)))))
				.build()
				.getEncoded());
			BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response).getResponseObject();
			assertThat(DEROctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
				.getParsedValue()).getOctets()).isEqualTo(octets);
		}
		assertThat(cached.respond(plain)).isEqualTo(cached.respond(plain));
	}

	@Test
	void cacheWhenLifetimeMoreThanHalfTheValidityThenRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new OcspResponseCache(Duration.ofMinutes(31), Duration.ofHours(1), () -> 0,
					Clock.systemUTC()))
			.withMessageContaining("keyfleet.pki.ocsp-cache-lifetime")
			.withMessageContaining("keyfleet.pki.ocsp-validity");
	}

	private OcspResponder cachedResponder(Map<BigInteger, CertificateRecord> status,
			AtomicLong revocations, Clock clock) {
		return new OcspResponder(this.ca, serial -> Optional.ofNullable(status.get(serial)), Duration.ofHours(1), clock,
				new OcspResponseCache(CACHE_LIFETIME, Duration.ofHours(1), revocations::get, clock));
	}

	private static SingleResp single(byte[] response) throws Exception {
		return ((BasicOCSPResp) new OCSPResp(response).getResponseObject()).getResponses()[0];
	}

	private static CertificateID id(X509CertificateHolder issuer, BigInteger serial) throws Exception {
		return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), issuer,
				serial);
	}

}
