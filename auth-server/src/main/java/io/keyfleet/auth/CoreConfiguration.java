package io.keyfleet.auth;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.events.EventStream;

/**
 * Cross-cutting beans: the clock everything reads time from, the audit log (which also
 * feeds the events stream).
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	AuditLog auditLog(EventStream events) {
		return new AuditLog(events);
	}

}
