package io.keyfleet.auth.attestation.ear;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * External verifier URLs come from configuration only, and must be {@code https} — plain
 * {@code http} is allowed to a loopback address alone (a verifier side-car, a test), since
 * anything on the way could otherwise forge the results the server trusts.
 */
final class VerifierUrls {

	private VerifierUrls() {
	}

	static void check(URI url, String what) {
		if (url == null || !url.isAbsolute() || url.getHost() == null) {
			throw new IllegalArgumentException(what + " must be an absolute URL: " + url);
		}
		if ("https".equalsIgnoreCase(url.getScheme())) {
			return;
		}
		if ("http".equalsIgnoreCase(url.getScheme()) && loopback(url.getHost())) {
			return;
		}
		throw new IllegalArgumentException(what + " must use https (http only to a loopback address): " + url);
	}

	private static boolean loopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		try {
			// only literal addresses: a name is never resolved here
			String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
			return literal.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
