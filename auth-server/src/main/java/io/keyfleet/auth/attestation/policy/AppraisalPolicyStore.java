package io.keyfleet.auth.attestation.policy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.SetArgs;

import io.keyfleet.auth.client.InvalidRegistrationException;
import io.keyfleet.auth.store.StateStore;

/**
 * Appraisal policies in Redis ({@code attestation-policy:<model>}), read at every
 * appraisal so that a policy put through the admin API takes effect on every node at the
 * next one — there is no per-node copy to go stale.
 */
public final class AppraisalPolicyStore {

	private static final Logger log = LoggerFactory.getLogger(AppraisalPolicyStore.class);

	private final StateStore store;

	public AppraisalPolicyStore(StateStore store) {
		this.store = store;
	}

	/** The policy of a model, read without waiting; empty when there is none. */
	public CompletionStage<Optional<AppraisalPolicy>> find(String model) {
		if (model == null) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		return this.store.async().get(key(model)).thenApply(json -> parse(model, json));
	}

	public Optional<AppraisalPolicy> get(String model) {
		return this.store.await(find(model));
	}

	public void put(AppraisalPolicy policy) {
		this.store.await(this.store.async().set(key(policy.model()), AppraisalPolicyJson.write(policy)));
	}

	/** Stores a policy unless the model has one already; true when stored. */
	public boolean putIfAbsent(AppraisalPolicy policy) {
		String reply = this.store
			.await(this.store.async().set(key(policy.model()), AppraisalPolicyJson.write(policy), SetArgs.Builder.nx()));
		return "OK".equals(reply);
	}

	private String key(String model) {
		return this.store.key("attestation-policy", model);
	}

	private static Optional<AppraisalPolicy> parse(String model, String json) {
		if (json == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(AppraisalPolicyJson.read(json, model));
		}
		catch (InvalidRegistrationException ex) {
			// written by something other than this server: no policy, so the device is refused
			log.error("The stored appraisal policy of model {} is invalid ({}); its devices cannot attest", model,
					ex.getMessage());
			return Optional.empty();
		}
	}

}
