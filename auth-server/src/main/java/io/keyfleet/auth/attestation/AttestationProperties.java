package io.keyfleet.auth.attestation;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Device attestation ({@code keyfleet.attestation.*}).
 *
 * @param policyDir folder of appraisal policy files ({@code *.json}, one per model) seeded
 * into Redis at start; dev mode uses {@code ./config/policies} when it exists
 * @param manufacturerCaFiles PEM files of the manufacturer CAs an EAT's {@code x5c} may
 * chain to
 * @param challengeLifetime how long a challenge from {@code /oauth2/challenge} stays usable
 * @param ear the trusted external verifier whose EAT Attestation Results devices present
 * ({@code attestation_format=ear}); absent: the format is off
 * @param remoteVerifiers external verifiers the server forwards evidence of other formats
 * to
 */
@Validated
@ConfigurationProperties("keyfleet.attestation")
public record AttestationProperties(Path policyDir, @DefaultValue List<Path> manufacturerCaFiles,
		@DefaultValue("5m") Duration challengeLifetime, @Valid Ear ear,
		@DefaultValue List<@Valid RemoteVerifier> remoteVerifiers) {

	/**
	 * A trusted issuer of EAT Attestation Results (draft-ietf-rats-ear).
	 *
	 * @param jwksUrl where its signing keys are published (https, or http on loopback)
	 * @param issuer its {@code iss}, checked when set
	 * @param timeout connect and read timeout for the JWKS
	 */
	public record Ear(@NotNull URI jwksUrl, String issuer, @DefaultValue("2s") Duration timeout) {
	}

	/**
	 * An external verifier for one evidence format: the server POSTs the evidence to
	 * {@code url} and accepts the signed EAR that comes back.
	 *
	 * @param format the {@code attestation_format} it handles
	 * @param url where evidence is sent (https, or http on loopback); only this URL is ever
	 * called
	 * @param jwksUrl the keys its results are signed with
	 * @param issuer its {@code iss}, checked when set
	 * @param timeout for the whole exchange (and the JWKS fetch)
	 */
	public record RemoteVerifier(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._+-]{0,63}") String format,
			@NotNull URI url, @NotNull URI jwksUrl, String issuer, @DefaultValue("2s") Duration timeout) {
	}

}
