package io.keyfleet.sim.load;

import java.io.IOException;

/**
 * One worker of a device-PKI load run: writes request {@code index} of its
 * {@link PkiOperation} and sends it over its own kept-alive connection, or over one of the
 * device's own when the request must present the device's certificate.
 */
final class PkiWorker implements Exchanger {

	private final PkiOperation operation;

	private final Http1Connection own;

	private final DeviceConnections perDevice;

	private final AsciiBuffer request = new AsciiBuffer(2048);

	PkiWorker(PkiOperation operation, Http1Connection own, DeviceConnections perDevice) {
		this.operation = operation;
		this.own = own;
		this.perDevice = perDevice;
	}

	@Override
	public void write(long index) {
		this.operation.write(this.request, index);
	}

	@Override
	public boolean exchange(Phase phase, long index) {
		String device = this.operation.device(index);
		Http1Connection connection = (device != null)
				? this.perDevice.take(device, this.operation.socketFactory(index)) : this.own;
		try {
			return this.operation.judge(phase, index, connection.exchange(this.request));
		}
		catch (IOException ex) {
			phase.errors.failure("", ex);
			return false;
		}
		finally {
			if (device != null) {
				this.perDevice.release(device, connection); // closed after a failure; reopened on next use
			}
		}
	}

	@Override
	public int connectionsOpened() {
		return this.own.opened();
	}

	@Override
	public void close() {
		this.own.close();
	}

}
