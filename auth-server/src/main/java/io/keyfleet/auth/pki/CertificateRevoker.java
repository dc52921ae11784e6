package io.keyfleet.auth.pki;

import java.math.BigInteger;

import io.keyfleet.auth.audit.AuditLog;

/**
 * Revokes device certificates — one by serial (admin API) or all of a device's (when it
 * is retired) — with an audit line each. The CRL and OCSP reflect a revocation on their
 * next request; {@code tls_client_auth} and the guards refuse the certificate at once.
 */
public final class CertificateRevoker {

	private final CertificateStore store;

	private final AuditLog audit;

	public CertificateRevoker(CertificateStore store, AuditLog audit) {
		this.store = store;
		this.audit = audit;
	}

	/**
	 * @param serialHex the serial in hex, any case, as {@code openssl x509 -serial} prints it
	 * @param reasonName an RFC 5280 reason name, or null for {@code unspecified}
	 */
	public void revoke(String serialHex, String reasonName, String actor) {
		RevocationReason reason = (reasonName == null) ? RevocationReason.unspecified
				: RevocationReason.named(reasonName).orElseThrow(() -> {
					this.audit.adminAction(actor, "revoke-certificate", serialHex, "invalid_reason");
					return new InvalidRevocationReasonException(reasonName);
				});
		BigInteger serial = parseSerial(serialHex);
		if (serial == null || !this.store.revoke(serial, reason)) {
			this.audit.adminAction(actor, "revoke-certificate", serialHex, "not_found");
			throw new CertificateNotFoundException(serialHex);
		}
		this.audit.adminAction(actor, "revoke-certificate", serial.toString(16), "ok");
	}

	/** Revokes every recorded certificate of the device with {@code cessationOfOperation}. */
	public void revokeAllOf(String device, String actor) {
		for (String serial : this.store.serialsOf(device)) {
			if (this.store.revoke(new BigInteger(serial, 16), RevocationReason.cessationOfOperation)) {
				this.audit.adminAction(actor, "revoke-certificate", serial, "ok");
			}
		}
	}

	/**
	 * Null unless hex of at most 20 octets (RFC 5280 §4.1.2.2) after any leading zeros,
	 * which {@code openssl x509 -serial} prints to fill an octet.
	 */
	private static BigInteger parseSerial(String hex) {
		if (hex == null || !hex.matches("0*[0-9a-fA-F]{1,40}")) {
			return null;
		}
		return new BigInteger(hex, 16);
	}

}
