package io.keyfleet.auth.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

/**
 * A Lua script run with {@code EVALSHA}, falling back to {@code EVAL} once when the
 * server does not know it yet (after a restart or on a new cluster node). Scripts are how
 * Keyfleet makes multi-step changes atomic across every server node.
 */
public final class RedisScript {

	private final String source;

	private final String sha;

	private final ScriptOutputType outputType;

	private RedisScript(String source, ScriptOutputType outputType) {
		this.source = source;
		this.sha = sha1(source);
		this.outputType = outputType;
	}

	/** Loads {@code classpath:scripts/<name>.lua}. */
	public static RedisScript fromClasspath(String name, ScriptOutputType outputType) {
		try (var in = new ClassPathResource("scripts/" + name + ".lua").getInputStream()) {
			return new RedisScript(StreamUtils.copyToString(in, StandardCharsets.UTF_8), outputType);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("cannot read Lua script " + name, ex);
		}
	}

	/** Runs the script without waiting; callers pipeline by issuing several first. */
	public <T> CompletionStage<T> run(RedisClusterAsyncCommands<String, String> commands, String[] keys,
			String... args) {
		CompletableFuture<T> result = new CompletableFuture<>();
		commands.<T>evalsha(this.sha, this.outputType, keys, args).whenComplete((value, ex) -> {
			if (ex == null) {
				result.complete(value);
			}
			else if (ex instanceof RedisNoScriptException
					|| (ex.getMessage() != null && ex.getMessage().startsWith("NOSCRIPT"))) {
				commands.<T>eval(this.source, this.outputType, keys, args).whenComplete((retried, retryEx) -> {
					if (retryEx == null) {
						result.complete(retried);
					}
					else {
						result.completeExceptionally(retryEx);
					}
				});
			}
			else {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private static String sha1(String source) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
