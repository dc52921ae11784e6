package io.keyfleet.auth.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.keyfleet.auth.attestation.policy.PolicyNotFoundException;
import io.keyfleet.auth.anomaly.AnomalyNotFoundException;
import io.keyfleet.auth.client.ClientConflictException;
import io.keyfleet.auth.client.ClientNotFoundException;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.InvalidRegistrationException;
import io.keyfleet.auth.keys.KeyringConflictException;
import io.keyfleet.auth.keys.SigningKeyNotFoundException;
import io.keyfleet.auth.pki.CertificateNotFoundException;
import io.keyfleet.auth.pki.InvalidRevocationReasonException;
import io.keyfleet.auth.provisioning.EnrollmentGroupConflictException;
import io.keyfleet.auth.provisioning.EnrollmentGroupNotFoundException;
import io.keyfleet.auth.store.StateStoreUnavailableException;

/**
 * Every error of the Spring MVC endpoints as RFC 9457 problem details: Spring MVC's own (unsupported media
 * type, unreadable body, unknown path...) through {@link ResponseEntityExceptionHandler},
 * and Keyfleet's — validation ({@code 400} with an {@code errors} list), unknown id
 * ({@code 404}), conflicts ({@code 409}), state store down ({@code 503}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 §3</a>
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private final OAuth2ErrorResponder oauth2;

	public ApiExceptionHandler(OAuth2ErrorResponder oauth2) {
		this.oauth2 = oauth2;
	}

	@ExceptionHandler(InvalidRegistrationException.class)
	ProblemDetail invalid(InvalidRegistrationException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage());
		List<Map<String, String>> errors = ex.errors()
			.stream()
			.map(e -> Map.of("field", e.field(), "message", e.message()))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler(InvalidRevocationReasonException.class)
	ProblemDetail invalidReason(InvalidRevocationReasonException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage());
	}

	@ExceptionHandler({ ClientNotFoundException.class, PolicyNotFoundException.class,
			CertificateNotFoundException.class, SigningKeyNotFoundException.class,
			EnrollmentGroupNotFoundException.class, AnomalyNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", ex.getMessage());
	}

	@ExceptionHandler({ ClientConflictException.class, ClientRegistry.ConcurrentModificationException.class,
			KeyringConflictException.class, EnrollmentGroupConflictException.class })
	ProblemDetail conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, "conflict", ex.getMessage());
	}

	/**
	 * The state store is down: a problem on the admin API, {@code temporarily_unavailable}
	 * (RFC 6749 JSON) on the OAuth endpoints served by controllers (the challenge).
	 */
	@ExceptionHandler(StateStoreUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(StateStoreUnavailableException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (!request.getRequestURI().startsWith("/api/")) {
			this.oauth2.write(request, response, new OAuth2Error(KeyfleetErrorCodes.TEMPORARILY_UNAVAILABLE,
					"the state store is unreachable; retry shortly", KeyfleetErrorCodes.ERROR_URI), 1);
			return null;
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
					"the state store is unreachable; retry shortly"));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(URI.create(ProblemResponder.TYPE_BASE + typeFor(statusCode)));
		}
		return response;
	}

	private static String typeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 415 -> "unsupported-media-type";
			case 503 -> "unavailable";
			default -> status.is4xxClientError() ? "invalid-request" : "internal";
		};
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(ProblemResponder.TYPE_BASE + type));
		return problem;
	}

}
