package io.keyfleet.auth.anomaly;

/** No anomaly with that id: {@code 404}. */
public final class AnomalyNotFoundException extends RuntimeException {

	public AnomalyNotFoundException(String id) {
		super("anomaly " + id + " does not exist");
	}

}
