package io.keyfleet.auth.attestation.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyfleet.auth.client.InvalidRegistrationException;

/**
 * Seeds appraisal policies from a folder of {@code *.json} files at start. Every file is
 * checked before anything is stored, and a single bad file stops the start with every
 * problem of every file listed. A model that already has a policy in Redis keeps it: the
 * files are the first version, the admin API manages the ones after.
 */
public final class PolicySeeder {

	private static final Logger log = LoggerFactory.getLogger(PolicySeeder.class);

	private final AppraisalPolicyStore policies;

	public PolicySeeder(AppraisalPolicyStore policies) {
		this.policies = policies;
	}

	/** Reads and checks every policy file of a folder; throws listing all problems. */
	public static List<AppraisalPolicy> read(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException("keyfleet.attestation.policy-dir " + folder + " is not a directory");
		}
		List<String> problems = new ArrayList<>();
		Map<String, Path> models = new LinkedHashMap<>();
		List<AppraisalPolicy> read = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
				try {
					AppraisalPolicy policy = AppraisalPolicyJson.read(Files.readString(file, StandardCharsets.UTF_8), null);
					Path other = models.putIfAbsent(policy.model(), file);
					if (other != null) {
						problems.add(file + ": model " + policy.model() + " already has a policy in " + other);
					}
					read.add(policy);
				}
				catch (InvalidRegistrationException ex) {
					ex.errors().forEach(error -> problems.add(file + ": " + error.field() + " " + error.message()));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read appraisal policies from " + folder + ": " + ex.getMessage(), ex);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("invalid appraisal policies:\n  " + String.join("\n  ", problems));
		}
		return read;
	}

	/** Seeds the policies of a folder; returns how many models got their first policy. */
	public int seed(Path folder) {
		int stored = 0;
		for (AppraisalPolicy policy : read(folder)) {
			if (this.policies.putIfAbsent(policy)) {
				stored++;
			}
			else {
				log.info("Appraisal policy of {} already in the state store; {} not applied (manage it through the admin API)",
						policy.model(), folder);
			}
		}
		log.info("Seeded {} appraisal policies from {}", stored, folder);
		return stored;
	}

}
