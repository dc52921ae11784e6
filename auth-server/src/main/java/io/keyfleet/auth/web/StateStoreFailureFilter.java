package io.keyfleet.auth.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.keyfleet.auth.store.StateStoreUnavailableException;

/**
 * The outermost filter: when the state store cannot be reached anywhere below —
 * client lookup, replay check, rate limit, registry write — the request fails closed with
 * {@code 503}: {@code temporarily_unavailable} (RFC 6749 JSON) on the OAuth endpoints, a
 * problem on the admin API, both with {@code Retry-After}. Service resumes by itself when
 * the store is back, since nothing here keeps state.
 *
 * <p>
 * A token that cannot be signed (the signing key's PKCS#11 token does not answer) is the
 * same kind of outage: {@code 503 temporarily_unavailable}.
 *
 * <p>
 * Anything else unexpected becomes a bare {@code 500} in the protocol's format, logged
 * here with its stack trace and never sent to the client.
 */
public final class StateStoreFailureFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(StateStoreFailureFilter.class);

	private final OAuth2ErrorResponder oauth2;

	public StateStoreFailureFilter(OAuth2ErrorResponder oauth2) {
		this.oauth2 = oauth2;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			StateStoreUnavailableException unavailable = StateStoreUnavailableException.findIn(ex);
			if (unavailable != null) {
				log.warn("Refusing {} {}: {}", request.getMethod(), request.getRequestURI(), unavailable.getMessage());
				respond(request, response, HttpStatus.SERVICE_UNAVAILABLE, KeyfleetErrorCodes.TEMPORARILY_UNAVAILABLE,
						"the state store is unreachable; retry shortly", "unavailable");
				return;
			}
			if (causedBy(ex, JwtEncodingException.class)) {
				// the signing key's token (HSM) does not answer: like the state store, it comes back
				log.warn("Refusing {} {}: token signing failed: {}", request.getMethod(), request.getRequestURI(),
						ex.getMessage());
				respond(request, response, HttpStatus.SERVICE_UNAVAILABLE, KeyfleetErrorCodes.TEMPORARILY_UNAVAILABLE,
						"token signing is unavailable; retry shortly", "unavailable");
				return;
			}
			log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
			respond(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "server_error", null, "internal");
		}
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private void respond(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String oauthCode,
			String detail, String problemType) throws IOException {
		if (request.getRequestURI().startsWith("/api/")) {
			ProblemResponder.write(response, status, problemType, detail,
					(status == HttpStatus.SERVICE_UNAVAILABLE) ? Map.of("Retry-After", "1") : Map.of());
		}
		else {
			this.oauth2.write(request, response, new OAuth2Error(oauthCode, detail, KeyfleetErrorCodes.ERROR_URI),
					(status == HttpStatus.SERVICE_UNAVAILABLE) ? 1 : 0);
		}
	}

}
