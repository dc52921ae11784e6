package io.keyfleet.auth.admin;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientService;

/** {@code /api/v1/devices}: the device registry. */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController extends ClientAdminController {

	public DeviceController(ClientService clients) {
		super(clients, ClientKind.DEVICE, "/api/v1/devices");
	}

}
