package io.keyfleet.auth.token;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every {@code /oauth2/token} request, rate-limited and refused ones included,
 * into a histogram ({@code keyfleet.token.latency}, Prometheus buckets) tagged with the
 * HTTP status.
 */
public final class TokenLatencyFilter extends OncePerRequestFilter {

	private final MeterRegistry meters;

	public TokenLatencyFilter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"/oauth2/token".equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			Timer.builder("keyfleet.token.latency")
				.description("Token endpoint latency")
				.tag("status", Integer.toString(response.getStatus()))
				.publishPercentileHistogram()
				.register(this.meters)
				.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

}
