package io.keyfleet.auth.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bootstrap admin client ({@code keyfleet.admin.*}).
 *
 * @param clientId id of the service client that holds {@code fleet:admin}
 * @param secret its {@code client_secret_basic} secret ({@code KEYFLEET_ADMIN_SECRET}); dev
 * mode generates one when unset, production mode creates the admin client only when set
 */
@ConfigurationProperties("keyfleet.admin")
public record AdminProperties(@DefaultValue("fleet-admin") String clientId, String secret) {

	@Override
	public String toString() {
		return "AdminProperties[clientId=" + this.clientId + ", secret=" + ((this.secret != null) ? "***" : "unset") + "]";
	}

}
