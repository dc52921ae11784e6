package io.keyfleet.auth.anomaly;

/**
 * What a stream consumer does with each entry. Returning acknowledges the entry; throwing
 * leaves it pending, to be retried by whichever consumer claims it.
 */
@FunctionalInterface
public interface EventHandler {

	void handle(StreamEvent event);

}
