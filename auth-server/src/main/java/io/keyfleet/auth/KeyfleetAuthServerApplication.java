package io.keyfleet.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Keyfleet authorization server: OAuth 2.0 client credentials for devices and
 * services, backed by Redis.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KeyfleetAuthServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(KeyfleetAuthServerApplication.class, args);
	}

}
