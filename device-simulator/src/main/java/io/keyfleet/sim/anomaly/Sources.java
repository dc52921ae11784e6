package io.keyfleet.sim.anomaly;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The places devices speak from, all on one machine: Linux routes the whole of 127/8 over
 * loopback, so a client socket bound to {@code 127.0.0.2} reaches a server on
 * {@code localhost} and the server sees the request come from {@code 127.0.0.2}
 * (events schema: {@code address}). Real devices use {@link #HOME}.
 */
public final class Sources {

	/** Where every real device speaks from. */
	public static final InetAddress HOME = address(127, 0, 0, 1);

	/** Where a cloned device speaks from, at the same time as the real one. */
	public static final InetAddress CLONE = address(127, 0, 0, 2);

	/** Where stolen credentials are used from. */
	public static final InetAddress THIEF = address(127, 0, 0, 3);

	private Sources() {
	}

	private static InetAddress address(int a, int b, int c, int d) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex); // never for a 4-byte address
		}
	}

}
