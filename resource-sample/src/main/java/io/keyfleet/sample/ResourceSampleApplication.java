package io.keyfleet.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A resource server that shows least privilege with Keyfleet tokens: each endpoint needs
 * its own scope, validated by resource-guard.
 *
 * @see SampleSecurityConfiguration
 */
@SpringBootApplication
public class ResourceSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResourceSampleApplication.class, args);
	}

}
