package io.keyfleet.auth.provisioning;

/**
 * A group's manufacturer CRL is configured but cannot be had (download failed, too
 * large, unparseable, wrongly signed, or past its {@code nextUpdate}): factory
 * certificates of that group are refused until it can (fail closed).
 */
final class CrlUnavailableException extends Exception {

	CrlUnavailableException(String message) {
		super(message, null, false, false);
	}

}
