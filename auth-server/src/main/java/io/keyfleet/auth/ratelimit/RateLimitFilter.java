package io.keyfleet.auth.ratelimit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.filter.OncePerRequestFilter;

import io.keyfleet.auth.clientauth.ClaimedClientId;
import io.keyfleet.auth.web.KeyfleetErrorCodes;
import io.keyfleet.auth.web.OAuth2ErrorResponder;

/**
 * Rate limits on {@code POST /oauth2/token} (per claimed client and per source address),
 * {@code POST /oauth2/challenge} and the EST enrollments (per source address: each
 * costs a signature, and {@code simpleenroll} is where enrollment tokens are guessed), checked before any client
 * authentication work so that a brute-force attempt on one client's secret is cut off by
 * that client's limit. Over the limit: {@code 429 slow_down} with {@code Retry-After}.
 * Both buckets are charged in one pipelined Redis round trip.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final RateLimitProperties limits;

	private final OAuth2ErrorResponder responder;

	public RateLimitFilter(RateLimiter limiter, RateLimitProperties limits, OAuth2ErrorResponder responder) {
		this.limiter = limiter;
		this.limits = limits;
		this.responder = responder;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		String path = request.getRequestURI();
		return !"/oauth2/token".equals(path) && !"/oauth2/challenge".equals(path) && !isEstEnrollment(path);
	}

	private static boolean isEstEnrollment(String path) {
		return "/.well-known/est/simpleenroll".equals(path) || "/.well-known/est/simplereenroll".equals(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<RateLimiter.Bucket> buckets = new ArrayList<>(2);
		String address = request.getRemoteAddr();
		if ("/oauth2/token".equals(request.getRequestURI())) {
			buckets.add(new RateLimiter.Bucket("token:addr:" + address, this.limits.tokenPerAddressRate(),
					this.limits.tokenPerAddressBurst()));
			String client = ClaimedClientId.of(request);
			if (client != null && client.length() <= 128) {
				buckets.add(new RateLimiter.Bucket("token:client:" + client, this.limits.tokenPerClientRate(),
						this.limits.tokenPerClientBurst()));
			}
		}
		else if (isEstEnrollment(request.getRequestURI())) {
			buckets.add(new RateLimiter.Bucket("est:addr:" + address, this.limits.estPerAddressRate(),
					this.limits.estPerAddressBurst()));
		}
		else {
			buckets.add(new RateLimiter.Bucket("challenge:addr:" + address, this.limits.challengePerAddressRate(),
					this.limits.challengePerAddressBurst()));
		}
		long waitMs = this.limiter.acquire(buckets);
		if (waitMs > 0) {
			long retryAfter = Math.max(1, (waitMs + 999) / 1000);
			this.responder.write(request, response, new OAuth2Error(KeyfleetErrorCodes.SLOW_DOWN,
					"rate limit exceeded; retry after " + retryAfter + " s", KeyfleetErrorCodes.ERROR_URI), retryAfter);
			return;
		}
		chain.doFilter(request, response);
	}

}
