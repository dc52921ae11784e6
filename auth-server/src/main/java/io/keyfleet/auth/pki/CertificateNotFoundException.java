package io.keyfleet.auth.pki;

/** No certificate with this serial was issued (or its record has expired): {@code 404}. */
public class CertificateNotFoundException extends RuntimeException {

	public CertificateNotFoundException(String serial) {
		super("no certificate with serial " + serial);
	}

}
