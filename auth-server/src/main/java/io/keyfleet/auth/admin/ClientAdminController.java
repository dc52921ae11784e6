package io.keyfleet.auth.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.client.ClientView;
import io.keyfleet.auth.client.RegistrationJson;

/**
 * The admin API operations devices and service clients share; {@link DeviceController}
 * and {@link ServiceClientController} mount them under their own paths. Request bodies are
 * read as text and parsed strictly by {@link RegistrationJson}.
 */
abstract class ClientAdminController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final ClientService clients;

	private final ClientKind kind;

	private final String basePath;

	ClientAdminController(ClientService clients, ClientKind kind, String basePath) {
		this.clients = clients;
		this.kind = kind;
		this.basePath = basePath;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<ClientView> register(@RequestBody String body, Authentication admin) {
		ClientService.Registration registration = this.clients.register(this.kind, RegistrationJson.read(body),
				admin.getName());
		return ResponseEntity.created(URI.create(this.basePath + "/" + registration.record().id()))
			.body(ClientView.of(registration.record(), registration.secret()));
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> list(@RequestParam(defaultValue = "100") String limit,
			@RequestParam(required = false) String cursor) {
		ClientRegistry.Page page = this.clients.list(this.kind, PageCursor.decode(cursor), PageCursor.limit(limit));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", ClientService.views(page.items()));
		body.put("next_cursor", PageCursor.encode(page.nextAfterSequence()));
		return body;
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	public Object get(@PathVariable String id) {
		return view(this.clients.get(this.kind, id));
	}

	/** What {@code GET /{id}} answers: the client view, which a kind may compose with more. */
	protected Object view(ClientRecord record) {
		return ClientView.of(record);
	}

	@PatchMapping(path = "/{id}", consumes = { MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ClientView patch(@PathVariable String id, @RequestBody String body, Authentication admin) {
		ClientService.Registration updated = this.clients.patch(this.kind, id, body, admin.getName());
		return ClientView.of(updated.record(), updated.secret());
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> retire(@PathVariable String id, Authentication admin) {
		this.clients.retire(this.kind, id, admin.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/suspend")
	public ResponseEntity<Void> suspend(@PathVariable String id, Authentication admin) {
		this.clients.suspend(this.kind, id, admin.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/resume")
	public ResponseEntity<Void> resume(@PathVariable String id, Authentication admin) {
		this.clients.resume(this.kind, id, admin.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/revoke-tokens")
	public ResponseEntity<Void> revokeTokens(@PathVariable String id, Authentication admin) {
		this.clients.revokeTokens(this.kind, id, admin.getName());
		return ResponseEntity.noContent().build();
	}

}
