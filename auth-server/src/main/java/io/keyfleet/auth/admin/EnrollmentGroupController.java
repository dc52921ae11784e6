package io.keyfleet.auth.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.provisioning.EnrollmentGroup;
import io.keyfleet.auth.provisioning.EnrollmentGroupService;
import io.keyfleet.auth.store.SequencedIndex;

/**
 * {@code /api/v1/enrollment-groups} (CONTRACT "Provisioning"): manufacturer CAs whose
 * factory certificates register devices just in time from a template.
 */
@RestController
@RequestMapping("/api/v1/enrollment-groups")
public class EnrollmentGroupController {

	private static final String BASE_PATH = "/api/v1/enrollment-groups";

	private final EnrollmentGroupService groups;

	public EnrollmentGroupController(EnrollmentGroupService groups) {
		this.groups = groups;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Map<String, Object>> create(@RequestBody String body, Authentication admin) {
		EnrollmentGroup group = this.groups.create(body, admin.getName());
		return ResponseEntity.created(URI.create(BASE_PATH + "/" + group.id())).body(view(group));
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> list(@RequestParam(defaultValue = "100") String limit,
			@RequestParam(required = false) String cursor) {
		SequencedIndex.Page<EnrollmentGroup> page = this.groups.list(PageCursor.decode(cursor), PageCursor.limit(limit));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", page.items().stream().map(EnrollmentGroupController::view).toList());
		body.put("next_cursor", PageCursor.encode(page.nextAfterSequence()));
		return body;
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> get(@PathVariable String id) {
		return view(this.groups.get(id));
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@PathVariable String id, Authentication admin) {
		this.groups.delete(id, admin.getName());
		return ResponseEntity.noContent().build();
	}

	private static Map<String, Object> view(EnrollmentGroup group) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", group.id());
		view.put("manufacturer_ca", group.manufacturerCa());
		view.put("ca_fingerprint", group.caFingerprint());
		view.put("template", group.template());
		view.put("approval", group.approval().wireName());
		if (group.crl() != null) {
			view.put("crl", group.crl());
		}
		view.put("created_at", group.createdAt().toString());
		return view;
	}

}
