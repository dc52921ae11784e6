package io.keyfleet.sim;

/**
 * A failure the user can act on, with a message meant to be printed as is, on one line,
 * without a stack trace (see {@link OneLineErrorHandler}).
 */
public class SimException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int exitCode;

	public SimException(String message) {
		this(message, null);
	}

	public SimException(String message, Throwable cause) {
		this(ExitCodes.SOFTWARE, message, cause);
	}

	public SimException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return this.exitCode;
	}

}
