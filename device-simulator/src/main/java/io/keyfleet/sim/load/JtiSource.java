package io.keyfleet.sim.load;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unique {@code jti} values (RFC 7519 Section 4.1.7) for one worker thread: a random run
 * prefix (96 bits, so that runs never collide), the worker's number and a counter. A
 * {@code jti} is never used twice: the server accepts each one once only (RFC 7523
 * Section 3, item 7).
 */
final class JtiSource {

	private final String prefix;

	private long counter;

	/**
	 * @param runPrefix shared by the workers of one run, see {@link #newRunPrefix()}
	 * @param worker the worker's number, unique within the run
	 */
	JtiSource(String runPrefix, int worker) {
		this.prefix = runPrefix + "." + worker + ".";
	}

	/**
	 * @return a new random run prefix
	 */
	static String newRunPrefix() {
		byte[] random = new byte[12];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * @param out where to append the next {@code jti}
	 */
	void appendNext(AsciiBuffer out) {
		out.append(this.prefix).append(this.counter++);
	}

}
