package io.keyfleet.auth.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parses a form body up front, so that one the container cannot decode (bad percent
 * escapes, a broken charset) is answered with {@code 400 invalid_request} (RFC 6749 §5.2)
 * instead of failing deep inside client authentication.
 */
public final class MalformedRequestFilter extends OncePerRequestFilter {

	private final OAuth2ErrorResponder responder;

	public MalformedRequestFilter(OAuth2ErrorResponder responder) {
		this.responder = responder;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType == null || !contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (RuntimeException ex) {
			this.responder.write(request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"the form body cannot be decoded", KeyfleetErrorCodes.ERROR_URI), 0);
			return;
		}
		chain.doFilter(request, response);
	}

}
