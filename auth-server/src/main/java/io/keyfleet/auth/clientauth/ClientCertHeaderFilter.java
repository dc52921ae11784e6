package io.keyfleet.auth.clientauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Client certificates forwarded by a TLS-terminating proxy (RFC 9440): the
 * {@code Client-Cert} (and {@code Client-Cert-Chain}) header is believed only when the
 * request comes from a configured trusted proxy, and then stands for the certificate of
 * the client's TLS connection. From any other source both headers are removed, so a
 * client cannot claim a certificate it does not hold.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9440#section-2">RFC 9440 §2</a>
 */
public final class ClientCertHeaderFilter extends OncePerRequestFilter {

	static final String CLIENT_CERT = "Client-Cert";

	static final String CLIENT_CERT_CHAIN = "Client-Cert-Chain";

	private final List<IpAddressMatcher> trustedProxies;

	public ClientCertHeaderFilter(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(CLIENT_CERT);
		boolean fromProxy = this.trustedProxies.stream().anyMatch(proxy -> proxy.matches(request.getRemoteAddr()));
		if (!fromProxy) {
			chain.doFilter((header != null || request.getHeader(CLIENT_CERT_CHAIN) != null)
					? new WithoutClientCertHeaders(request) : request, response);
			return;
		}
		if (header == null) {
			// the proxy's own certificate on its connection to us is not the client's
			request.removeAttribute(PresentedCertificate.ATTRIBUTE);
		}
		else {
			try {
				List<X509Certificate> certificates = new ArrayList<>();
				certificates.add(parse(header));
				String chainHeader = request.getHeader(CLIENT_CERT_CHAIN);
				if (chainHeader != null) {
					for (String member : chainHeader.split(",")) {
						certificates.add(parse(member));
					}
				}
				request.setAttribute(PresentedCertificate.ATTRIBUTE, certificates.toArray(X509Certificate[]::new));
			}
			catch (CertificateException | IllegalArgumentException ex) {
				response.sendError(HttpServletResponse.SC_BAD_REQUEST);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** An RFC 8941 byte sequence, {@code :base64:}, of a DER certificate. */
	static X509Certificate parse(String value) throws CertificateException {
		String trimmed = value.trim();
		if (trimmed.length() < 3 || trimmed.charAt(0) != ':' || trimmed.charAt(trimmed.length() - 1) != ':') {
			throw new CertificateException("not an RFC 8941 byte sequence");
		}
		byte[] der = Base64.getDecoder().decode(trimmed.substring(1, trimmed.length() - 1));
		return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
	}

	/** The request as if the client-certificate headers had never been sent. */
	private static final class WithoutClientCertHeaders extends HttpServletRequestWrapper {

		WithoutClientCertHeaders(HttpServletRequest request) {
			super(request);
		}

		private static boolean hidden(String name) {
			return CLIENT_CERT.equalsIgnoreCase(name) || CLIENT_CERT_CHAIN.equalsIgnoreCase(name);
		}

		@Override
		public String getHeader(String name) {
			return hidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(WithoutClientCertHeaders::hidden);
			return Collections.enumeration(names);
		}

	}

}
