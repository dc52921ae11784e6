package io.keyfleet.sim.binding;

import java.util.Objects;

/**
 * What one device needs to use a {@link Binding}: its client certificate for
 * {@link Binding#MTLS}, its DPoP key for {@link Binding#DPOP}, nothing for
 * {@link Binding#NONE}.
 *
 * @param binding the binding
 * @param certificate the client certificate to present on every TLS connection, or {@code null}
 * @param dpop the DPoP proof maker, or {@code null}
 */
public record DeviceBinding(Binding binding, ClientCertificate certificate, DPoPProofs dpop) {

	/** Bearer tokens, no binding material. */
	public static final DeviceBinding NONE = new DeviceBinding(Binding.NONE, null, null);

	public DeviceBinding {
		Objects.requireNonNull(binding, "binding cannot be null");
		if ((binding == Binding.MTLS) != (certificate != null) || (binding == Binding.DPOP) != (dpop != null)) {
			throw new IllegalArgumentException(binding.value() + " binding with the wrong material");
		}
	}

}
