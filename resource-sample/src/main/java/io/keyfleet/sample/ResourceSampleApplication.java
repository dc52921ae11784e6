package io.keyfleet.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A resource server that shows least privilege with Keyfleet tokens: each endpoint
 * declares what it needs, and resource-guard re-checks every request — token, sender
 * constraint, and the token's standing in the shared state.
 *
 * @see SampleSecurityConfiguration
 */
@SpringBootApplication
public class ResourceSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResourceSampleApplication.class, args);
	}

}
