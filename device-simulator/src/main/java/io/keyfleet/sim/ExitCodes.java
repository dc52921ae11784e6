package io.keyfleet.sim;

import picocli.CommandLine.ExitCode;

/**
 * Exit codes that scripts can rely on. 0, 1 and 2 are picocli's {@link ExitCode}s.
 */
public final class ExitCodes {

	/** The command did what it was asked. */
	public static final int OK = ExitCode.OK;

	/** Something failed on the way: a file, the network, TLS, or an answer that is not OAuth. */
	public static final int SOFTWARE = ExitCode.SOFTWARE;

	/** The command line was invalid. */
	public static final int USAGE = ExitCode.USAGE;

	/** The server answered with an OAuth 2.0 error response (RFC 6749 §5.2). */
	public static final int OAUTH_ERROR = 3;

	/** {@code attack}: at least one attack got through, i.e. the server did not refuse it. */
	public static final int GOT_THROUGH = 4;

	/** {@code soak}: a goal of anomaly detection was missed (see the report's {@code missed}). */
	public static final int GOAL_MISSED = 5;

	public static final String OK_LINE = "0:success";

	public static final String SOFTWARE_LINE = "1:failure (file, network, TLS, or a server answer that is not OAuth)";

	public static final String USAGE_LINE = "2:invalid command line";

	public static final String OAUTH_ERROR_LINE = "3:the server answered with an OAuth error (RFC 6749 section 5.2)";

	public static final String EST_REFUSED_LINE = "3:the server refused (EST 400, 401, 403, 429 with Retry-After; or the "
			+ "admin API)";

	public static final String GOT_THROUGH_LINE = "4:attack: at least one attack got through (the server did not refuse it)";

	public static final String GOAL_MISSED_LINE = "5:soak: a detection goal was missed (a misbehaving device not detected, "
			+ "clone or stolen credentials not within 10 s, a normal device quarantined)";

	private ExitCodes() {
	}

}
