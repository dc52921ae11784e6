package io.keyfleet.auth.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) from filters and
 * security handlers, where Spring MVC's own {@code ProblemDetail} handling does not reach.
 * Problem types are URIs under {@code https://keyfleet.io/problems/}.
 */
public final class ProblemResponder {

	public static final String TYPE_BASE = "https://keyfleet.io/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponder() {
	}

	public static void write(HttpServletResponse response, HttpStatus status, String type, String detail,
			Map<String, String> headers) throws IOException {
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		headers.forEach(response::setHeader);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", TYPE_BASE + type);
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		if (detail != null) {
			body.put("detail", detail);
		}
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
		response.flushBuffer();
	}


}
