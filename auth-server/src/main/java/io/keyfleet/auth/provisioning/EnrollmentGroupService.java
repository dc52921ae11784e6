package io.keyfleet.auth.provisioning;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistrationValidator;
import io.keyfleet.auth.store.SequencedIndex;

/**
 * Enrollment groups as the admin API manages them: create, read, list, delete, each
 * change with an audit line. Groups are immutable; to change one, delete it and create
 * another (with a new id: ids are never reused).
 */
public final class EnrollmentGroupService {

	private final EnrollmentGroupStore store;

	private final EnrollmentGroupValidator validator;

	private final AuditLog audit;

	EnrollmentGroupService(EnrollmentGroupStore store, EnrollmentGroupValidator validator, AuditLog audit) {
		this.store = store;
		this.validator = validator;
		this.audit = audit;
	}

	/** Creates a group from a request body (JSON). */
	public EnrollmentGroup create(String body, String actor) {
		EnrollmentGroup group = this.validator.validate(EnrollmentGroupRequest.read(body));
		try {
			this.store.create(group);
		}
		catch (EnrollmentGroupConflictException ex) {
			this.audit.adminAction(actor, "create-enrollment-group", group.id(), "conflict");
			throw ex;
		}
		this.audit.adminAction(actor, "create-enrollment-group", group.id(), "ok");
		return group;
	}

	public EnrollmentGroup get(String id) {
		if (!ClientRegistrationValidator.ID.matcher(id).matches()) {
			throw new EnrollmentGroupNotFoundException(id);
		}
		return this.store.find(id).orElseThrow(() -> new EnrollmentGroupNotFoundException(id));
	}

	public SequencedIndex.Page<EnrollmentGroup> list(long afterSequence, int limit) {
		return this.store.page(afterSequence, limit);
	}

	/**
	 * Deletes a group: it registers no more devices and its factory certificates are no
	 * longer trusted; devices it registered stay, with their operational certificates.
	 */
	public void delete(String id, String actor) {
		EnrollmentGroup group = get(id);
		if (!this.store.delete(group)) {
			throw new EnrollmentGroupNotFoundException(id);
		}
		this.audit.adminAction(actor, "delete-enrollment-group", id, "ok");
	}

}
