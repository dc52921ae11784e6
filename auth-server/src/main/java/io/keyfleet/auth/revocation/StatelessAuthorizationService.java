package io.keyfleet.auth.revocation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import io.keyfleet.auth.client.ResolvedClient;
import io.keyfleet.auth.client.ResolvedClientCache;

/**
 * An {@link OAuth2AuthorizationService} that stores no tokens. Access tokens are
 * self-contained JWTs, so an authorization is rebuilt from the token itself when
 * introspection (RFC 7662) or revocation (RFC 7009) asks for it, and its standing —
 * revoked, client suspended or retired, killed — comes from {@link TokenStanding}. The
 * only thing ever written is a revocation marker, when Spring's revocation endpoint saves
 * an invalidated token. Issuing a token therefore costs no Redis write.
 */
public final class StatelessAuthorizationService implements OAuth2AuthorizationService {

	private final JwtDecoder issuedTokens;

	private final ResolvedClientCache clients;

	private final TokenStanding standing;

	private final RevokedTokens revoked;

	public StatelessAuthorizationService(JwtDecoder issuedTokens, ResolvedClientCache clients, TokenStanding standing,
			RevokedTokens revoked) {
		this.issuedTokens = issuedTokens;
		this.clients = clients;
		this.standing = standing;
		this.revoked = revoked;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token != null && token.isInvalidated()) {
			revoke(token);
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token != null) {
			revoke(token);
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return null;
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
			return null;
		}
		Jwt jwt;
		try {
			jwt = this.issuedTokens.decode(token);
		}
		catch (JwtException ex) {
			return null;
		}
		String clientId = jwt.getClaimAsString("client_id");
		Optional<RegisteredClient> client = (clientId != null)
				? this.clients.find(clientId).map(ResolvedClient::registeredClient) : Optional.empty();
		if (client.isEmpty()) {
			return null;
		}
		boolean good = this.standing.of(clientId, jwt.getId(), jwt.getIssuedAt()).good();
		Set<String> scopes = scopes(jwt);
		OAuth2AccessToken accessToken = new OAuth2AccessToken(tokenType(jwt), token, jwt.getIssuedAt(),
				jwt.getExpiresAt(), scopes);
		return OAuth2Authorization.withRegisteredClient(client.get())
			.id(jwt.getId())
			.principalName(jwt.getSubject())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(scopes)
			.token(accessToken, metadata -> {
				metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
				metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, !good);
			})
			.build();
	}

	private void revoke(OAuth2Authorization.Token<OAuth2AccessToken> token) {
		Map<String, Object> claims = token.getClaims();
		Object jti = (claims != null) ? claims.get("jti") : null;
		if (jti != null) {
			this.revoked.revoke(jti.toString(), token.getToken().getExpiresAt());
		}
	}

	private static Set<String> scopes(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		return (scope == null || scope.isBlank()) ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
	}

	private static OAuth2AccessToken.TokenType tokenType(Jwt jwt) {
		Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
		return (cnf != null && cnf.containsKey("jkt")) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
	}

}
