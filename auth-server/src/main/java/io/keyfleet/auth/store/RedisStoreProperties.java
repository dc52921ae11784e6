package io.keyfleet.auth.store;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the shared state lives ({@code keyfleet.redis.*}).
 *
 * @param url Redis URL ({@code redis://}, {@code rediss://}, {@code redis-sentinel://});
 * empty in dev mode, where an embedded Redis is started instead
 * @param cluster treat {@code url} as the seed of a Redis Cluster
 * @param keyPrefix prefix of every key this server reads or writes, so that several
 * deployments (or test runs) can share one Redis
 * @param commandTimeout how long one command may take before the request fails closed
 * @param connectTimeout TCP connect timeout
 * @param startupTimeout how long start-up waits for Redis before giving up
 */
@Validated
@ConfigurationProperties("keyfleet.redis")
public record RedisStoreProperties(String url, @DefaultValue("false") boolean cluster,
		@DefaultValue("keyfleet:") @NotBlank @Pattern(regexp = "[A-Za-z0-9._:{}-]{1,64}") String keyPrefix,
		@DefaultValue("1s") Duration commandTimeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration startupTimeout) {

	/** Whether an external Redis was configured. */
	public boolean external() {
		return this.url != null && !this.url.isBlank();
	}

}
