package io.keyfleet.sim;

import java.io.PrintWriter;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.ErrorObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints a {@link TokenEndpointResponse}: the response as the server sent it and the
 * decoded, <em>unverified</em> header and claims of a JWT access token. Tokens are redacted
 * unless {@code showSecrets} is set.
 *
 * <p>{@code --json}: one object on stdout,
 * {@code {"http_status":200,"token_response":{...},"header":{...},"claims":{...}}}; for an
 * OAuth error {@code {"http_status":401,"token_response":{"error":"invalid_client",...}}}.
 */
public final class TokenOutput {

	static final Set<String> TOKEN_MEMBERS = Set.of("access_token", "refresh_token", "id_token");

	static final String REDACTED = "[redacted; --show-secrets prints it]";

	private final boolean json;

	private final boolean showSecrets;

	TokenOutput(boolean json, boolean showSecrets) {
		this.json = json;
		this.showSecrets = showSecrets;
	}

	void print(TokenEndpointResponse response, String commandName, PrintWriter out, PrintWriter err) {
		Map<String, Object> body = redact(response.body());
		DecodedJwt token = response.isSuccess()
				? DecodedJwt.decode(response.success().getTokens().getAccessToken().getValue()) : null;
		if (this.json) {
			ObjectNode result = JsonOutput.object();
			result.put("http_status", response.status());
			result.set("token_response", JsonOutput.tree(body));
			if (response.isSuccess()) {
				result.set("header", JsonOutput.tree((token != null) ? token.header() : null));
				result.set("claims", JsonOutput.tree((token != null) ? token.claims() : null));
			}
			out.println(JsonOutput.compact(result));
		}
		else if (response.isSuccess()) {
			out.println("HTTP " + response.status() + " from " + response.tokenEndpoint());
			out.println("Token response:");
			out.println(JsonOutput.pretty(body));
			if (token == null) {
				out.println("The access token is not a JWT: no claims to show.");
			}
			else {
				out.println("Access token header (not verified):");
				out.println(JsonOutput.pretty(token.header()));
				out.println("Access token claims (not verified):");
				out.println((token.claims() != null) ? JsonOutput.pretty(token.claims()) : "(encrypted)");
			}
		}
		else {
			err.println(commandName + ": " + describe(response));
		}
		out.flush();
		err.flush();
	}

	public static String describe(TokenEndpointResponse response) {
		ErrorObject error = response.error().getErrorObject();
		StringBuilder line = new StringBuilder("the token endpoint answered HTTP ").append(response.status())
			.append(' ')
			.append(error.getCode());
		if (error.getDescription() != null) {
			line.append(": ").append(OneLineErrorHandler.oneLine(error.getDescription()));
		}
		if (error.getURI() != null) {
			line.append(" (").append(error.getURI()).append(')');
		}
		return line.toString();
	}

	private Map<String, Object> redact(Map<String, Object> body) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		if (!this.showSecrets) {
			TOKEN_MEMBERS.forEach((name) -> copy.computeIfPresent(name, (key, value) -> REDACTED));
		}
		return copy;
	}

	/**
	 * The readable parts of a JWT, without any signature check.
	 *
	 * @param header the JOSE header
	 * @param claims the claims, or {@code null} when the JWT is encrypted
	 */
	record DecodedJwt(Map<String, Object> header, Map<String, Object> claims) {

		/**
		 * @param token a token
		 * @return its parts, or {@code null} when it is not a JWT (an opaque token)
		 */
		static DecodedJwt decode(String token) {
			try {
				JWT jwt = JWTParser.parse(token);
				Map<String, Object> header = jwt.getHeader().toJSONObject();
				Map<String, Object> claims = (jwt instanceof EncryptedJWT) ? null : jwt.getJWTClaimsSet().toJSONObject();
				return new DecodedJwt(header, claims);
			}
			catch (ParseException | IllegalStateException ex) {
				return null;
			}
		}

	}

}
