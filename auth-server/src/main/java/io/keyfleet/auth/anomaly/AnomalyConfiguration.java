package io.keyfleet.auth.anomaly;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.attestation.AttestationService;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.store.RedisStoreProperties;
import io.keyfleet.auth.store.StateStore;

/**
 * Wires anomaly detection: the store the admin API reads (always), and, when
 * {@code keyfleet.anomaly.enabled}, the detector and its stream consumers, started once the
 * application is ready (so a node that fails to start never takes entries) and stopped
 * before the state store closes.
 */
@Configuration(proxyBeanMethods = false)
public class AnomalyConfiguration {

	/** The consumer group every node joins (CONTRACT "Provisioning, lifecycle and anomalies"). */
	public static final String GROUP = "anomaly-detector";

	private static final Logger log = LoggerFactory.getLogger(AnomalyConfiguration.class);

	@Bean
	AnomalyStore anomalyStore(StateStore store, Clock clock, AnomalyProperties properties) {
		return new AnomalyStore(store, clock, properties.doneTtl());
	}

	@Bean
	Baselines anomalyBaselines(StateStore store, AnomalyProperties properties) {
		return new Baselines(store, properties);
	}

	@Bean(destroyMethod = "stop")
	EventStreamConsumer anomalyConsumer(StateStore store, AnomalyStore anomalies, Baselines baselines,
			ClientService clients, AttestationService attestation, AnomalyProperties properties,
			RedisStoreProperties redis) {
		AnomalyDetector detector = new AnomalyDetector(baselines, anomalies,
				new AnomalyResponder(clients, attestation), properties.responses());
		return new EventStreamConsumer(store, store.key("events"), GROUP, detector, settings(properties, redis));
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> anomalyConsumerStarter(ObjectProvider<EventStreamConsumer> consumer,
			AnomalyProperties properties) {
		return event -> {
			if (properties.enabled()) {
				consumer.getObject().start();
			}
			else {
				log.info("Anomaly detection is disabled on this node (keyfleet.anomaly.enabled=false)");
			}
		};
	}

	/** The read block, kept below the Redis command timeout that every command has. */
	static EventStreamConsumer.Settings settings(AnomalyProperties properties, RedisStoreProperties redis) {
		Duration block = properties.block();
		Duration limit = redis.commandTimeout().minusMillis(200);
		if (block.compareTo(limit) > 0) {
			block = redis.commandTimeout().dividedBy(2);
			log.warn("keyfleet.anomaly.block {} is not below keyfleet.redis.command-timeout {}: using {}",
					properties.block(), redis.commandTimeout(), block);
		}
		return new EventStreamConsumer.Settings(properties.consumers(), properties.batchSize(), block,
				properties.claimIdle(), properties.claimInterval());
	}

}
