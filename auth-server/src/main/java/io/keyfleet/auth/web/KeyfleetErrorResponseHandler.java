package io.keyfleet.auth.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The {@code errorResponseHandler} of client authentication and of the token,
 * introspection and revocation endpoints: maps an {@link OAuth2AuthenticationException} to
 * the contract's status codes (not Spring's "401 only for invalid_client, else 400") and
 * keeps a useful {@code error_description} — for a refused assertion, the first failed
 * check (expired, replayed, wrong audience...), which tells a device developer what to
 * fix without revealing anything about other clients.
 */
public final class KeyfleetErrorResponseHandler implements AuthenticationFailureHandler {

	private final OAuth2ErrorResponder responder;

	public KeyfleetErrorResponseHandler(OAuth2ErrorResponder responder) {
		this.responder = responder;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, null, KeyfleetErrorCodes.ERROR_URI);
		this.responder.write(request, response, described(error, exception), 0);
	}

	private static OAuth2Error described(OAuth2Error error, Throwable exception) {
		for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
				OAuth2Error first = invalid.getErrors().iterator().next();
				return new OAuth2Error(error.getErrorCode(), first.getDescription(),
						(first.getUri() != null) ? first.getUri() : error.getUri());
			}
			if (cause == cause.getCause()) {
				break;
			}
		}
		if (error.getDescription() == null && OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
			return new OAuth2Error(error.getErrorCode(), "client authentication failed", error.getUri());
		}
		return error;
	}

}
