package io.keyfleet.auth.pki;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall everywhere, except that {@code GET /pki/ocsp/{request}}
 * may carry {@code %2F}: RFC 6960 Appendix A.1 puts the URL-encoded base64 of the DER
 * request in the path, and base64 has {@code /}. Safe there because that path segment is
 * only ever decoded as data, never resolved as a path.
 */
public final class OcspGetFirewall implements HttpFirewall {

	private final StrictHttpFirewall strict = new StrictHttpFirewall();

	private final StrictHttpFirewall ocsp = new StrictHttpFirewall();

	public OcspGetFirewall() {
		this.ocsp.setAllowUrlEncodedSlash(true);
		// Tomcat passes %2F through undecoded (WebConfiguration), so the servlet path has a '%'
		this.ocsp.setAllowUrlEncodedPercent(true);
	}

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
		String uri = request.getRequestURI();
		boolean ocspGet = "GET".equals(request.getMethod()) && uri != null && uri.startsWith(PkiController.OCSP_GET_PREFIX)
				&& !uri.contains("%2e") && !uri.contains("%2E") && !uri.contains("..");
		return (ocspGet ? this.ocsp : this.strict).getFirewalledRequest(request);
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		return this.strict.getFirewalledResponse(response);
	}

}
