package io.keyfleet.sample;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.Assert;

/**
 * Grants access only when the access token's {@code sub} (for a device, its device id)
 * equals a path variable of the request, so that a device reaches its own resources and
 * no other device's. Anything but a validated JWT is denied.
 */
final class SubjectMatchesPathVariableAuthorizationManager
		implements AuthorizationManager<RequestAuthorizationContext> {

	private final String variable;

	/**
	 * @param variable the name of the path variable holding the owner's id, e.g.
	 * {@code id} in {@code /devices/{id}/config}
	 */
	SubjectMatchesPathVariableAuthorizationManager(String variable) {
		Assert.hasText(variable, "variable cannot be empty");
		this.variable = variable;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		String owner = context.getVariables().get(this.variable);
		return new AuthorizationDecision(owner != null && authentication.get() instanceof JwtAuthenticationToken token
				&& owner.equals(token.getToken().getSubject()));
	}

}
