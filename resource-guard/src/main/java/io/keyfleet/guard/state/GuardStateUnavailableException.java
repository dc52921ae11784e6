package io.keyfleet.guard.state;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The shared state cannot be trusted right now: Redis is unreachable, a read timed out,
 * or the connection that carries invalidations is lost. Every check that needs the state
 * then fails closed (ARCHITECTURE.md "Failure stance"); the guard answers {@code 503}.
 *
 * <p>
 * An {@link AuthenticationServiceException}, so that Spring Security's authentication
 * machinery passes it on as "could not decide", never as "authenticated".
 */
public class GuardStateUnavailableException extends AuthenticationServiceException {

	public GuardStateUnavailableException(String message) {
		super(message);
	}

	public GuardStateUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether {@code ex} or one of its causes is a {@code GuardStateUnavailableException}.
	 * @param ex any exception, or {@code null}
	 * @return whether the state store was the reason
	 */
	public static boolean isCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof GuardStateUnavailableException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
