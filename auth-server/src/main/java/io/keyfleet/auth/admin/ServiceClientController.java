package io.keyfleet.auth.admin;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientService;

/** {@code /api/v1/clients}: service (non-device) clients. */
@RestController
@RequestMapping("/api/v1/clients")
public class ServiceClientController extends ClientAdminController {

	public ServiceClientController(ClientService clients) {
		super(clients, ClientKind.SERVICE, "/api/v1/clients");
	}

}
