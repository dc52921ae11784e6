package io.keyfleet.auth.events;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.store.StateStore;

/** The events stream on the state store's connection ({@code keyfleet.events.*}). */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

	@Bean(destroyMethod = "close")
	EventStream eventStream(StateStore store, EventsProperties properties, MeterRegistry meters, Clock clock) {
		return new EventStream(store, properties.enabled(), properties.maxLength(), meters, clock);
	}

}
