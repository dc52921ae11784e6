package io.keyfleet.auth.client;

/** No client of the requested kind with that id: {@code 404}. */
public final class ClientNotFoundException extends RuntimeException {

	public ClientNotFoundException(ClientKind kind, String id) {
		super(((kind == ClientKind.DEVICE) ? "device " : "client ") + id + " is not registered");
	}

}
