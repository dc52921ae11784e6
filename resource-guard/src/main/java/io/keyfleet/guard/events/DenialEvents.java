package io.keyfleet.guard.events;

import java.lang.management.ManagementFactory;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.lettuce.core.XAddArgs;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Appends a {@code resource.denied} event to the events stream {@code <p>events} — the
 * auth-server's stream (docs/contract-as-built.md "Events stream") — for every request
 * the guard refuses: {@code reason}, {@code resource} (this guard's audience),
 * {@code address}, and {@code client} and {@code jti} when the token's signature was
 * verified (an unverified token's claims are anyone's to write, and must not put a
 * device under suspicion).
 *
 * <p>
 * Never in the request's way: the entry is handed to one background thread (a bounded
 * queue; when it is full the event is dropped), which issues
 * {@code XADD <p>events MAXLEN ~ <max-length> * ...} without waiting for the reply. A
 * failure is logged at most once a minute, with Redis' error only.
 */
public final class DenialEvents implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DenialEvents.class);

	private static final int QUEUE_CAPACITY = 10_000;

	private static final int MAX_TOKEN_LENGTH = 16 * 1024;

	private final GuardRedis redis;

	private final String key;

	private final String resource;

	private final XAddArgs trim;

	private final Clock clock;

	private final String node;

	private final ThreadPoolExecutor sender;

	private final AtomicLong lastLoggedMs = new AtomicLong(Long.MIN_VALUE);

	public DenialEvents(GuardRedis redis, GuardKeys keys, String resource, long maxLength, Clock clock) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.isTrue(maxLength > 0, "maxLength must be positive");
		this.redis = redis;
		this.key = keys.events();
		this.resource = resource;
		this.trim = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
		this.clock = clock;
		String name = ManagementFactory.getRuntimeMXBean().getName();
		int at = name.indexOf('@');
		this.node = ((at >= 0) ? name.substring(at + 1) : "unknown") + ":" + ProcessHandle.current().pid();
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
				(runnable) -> {
					Thread thread = new Thread(runnable, "keyfleet-guard-events");
					thread.setDaemon(true);
					return thread;
				}, (runnable, executor) -> failed("the event queue is full"));
	}

	/**
	 * Records a refusal.
	 * @param request the refused request
	 * @param reason the event's {@code reason}
	 * @param tokenVerified whether the presented token's signature was verified, so that
	 * its {@code sub}/{@code client_id} and {@code jti} may be named
	 */
	public void denied(HttpServletRequest request, String reason, boolean tokenVerified) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("type", "resource.denied");
		fields.put("ts", Long.toString(this.clock.millis()));
		fields.put("node", this.node);
		JWTClaimsSet claims = tokenVerified ? claims(request) : null;
		if (claims != null) {
			Object clientId = claims.getClaim("client_id");
			put(fields, "client", (clientId instanceof String id) ? id : claims.getSubject());
		}
		put(fields, "address", request.getRemoteAddr());
		fields.put("reason", reason);
		if (claims != null) {
			put(fields, "jti", claims.getJWTID());
		}
		put(fields, "resource", this.resource);
		this.sender.execute(() -> send(fields));
	}

	private void send(Map<String, String> fields) {
		try {
			this.redis.commands().xadd(this.key, this.trim, fields).whenComplete((id, failure) -> {
				if (failure != null) {
					failed(failure.toString());
				}
			});
		}
		catch (RuntimeException ex) {
			failed(ex.toString());
		}
	}

	/** The claims of the request's access token ({@code Bearer} or {@code DPoP} scheme), read only. */
	private static @Nullable JWTClaimsSet claims(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH) {
			return null;
		}
		int space = authorization.indexOf(' ');
		if (space < 0) {
			return null;
		}
		try {
			return JWTParser.parse(authorization.substring(space + 1).trim()).getJWTClaimsSet();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static void put(Map<String, String> fields, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			fields.put(name, value);
		}
	}

	private void failed(String why) {
		long now = this.clock.millis();
		long last = this.lastLoggedMs.get();
		if ((last == Long.MIN_VALUE || now - last >= 60_000) && this.lastLoggedMs.compareAndSet(last, now)) {
			log.warn("Could not append a resource.denied event to {}: {}", this.key, why);
		}
	}

	@Override
	public void close() {
		this.sender.shutdown();
	}

}
