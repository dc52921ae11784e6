package io.keyfleet.auth.admin;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.attestation.policy.AppraisalPolicy;
import io.keyfleet.auth.attestation.policy.AppraisalPolicyJson;
import io.keyfleet.auth.attestation.policy.AppraisalPolicyStore;
import io.keyfleet.auth.attestation.policy.PolicyNotFoundException;
import io.keyfleet.auth.audit.AuditLog;

/**
 * {@code /api/v1/attestation-policies/{model}}: the appraisal policy of a device model
 * (CONTRACT "Appraisal policy"). A {@code PUT} replaces it and answers {@code 200} with the
 * stored policy; every node uses it from the next appraisal on.
 */
@RestController
@RequestMapping("/api/v1/attestation-policies")
public class AttestationPolicyController {

	private final AppraisalPolicyStore policies;

	private final AuditLog audit;

	public AttestationPolicyController(AppraisalPolicyStore policies, AuditLog audit) {
		this.policies = policies;
		this.audit = audit;
	}

	@PutMapping(path = "/{model}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public AppraisalPolicy put(@PathVariable String model, @RequestBody String body, Authentication admin) {
		AppraisalPolicy policy = AppraisalPolicyJson.read(body, model);
		this.policies.put(policy);
		this.audit.adminAction(admin.getName(), "put-attestation-policy", model, "ok");
		return policy;
	}

	@GetMapping(path = "/{model}", produces = MediaType.APPLICATION_JSON_VALUE)
	public AppraisalPolicy get(@PathVariable String model) {
		return this.policies.get(model).orElseThrow(() -> new PolicyNotFoundException(model));
	}

}
