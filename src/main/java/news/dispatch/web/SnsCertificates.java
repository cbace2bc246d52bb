package news.dispatch.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Fetches what an SNS message points to: the certificate it was signed with, and the
 * address that confirms a subscription. {@link SnsMessages} checks each address (https,
 * an allowed host) before anything is fetched. Certificates are kept once fetched.
 */
@Component
class SnsCertificates {

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Map<URI, X509Certificate> fetched = new ConcurrentHashMap<>();

	X509Certificate certificate(URI url) throws IOException, GeneralSecurityException {
		X509Certificate known = this.fetched.get(url);
		if (known != null) {
			return known;
		}
		HttpResponse<InputStream> response = send(url);
		try (InputStream in = response.body()) {
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(in);
			this.fetched.put(url, certificate);
			return certificate;
		}
	}

	/**
	 * Visits a subscription's confirmation address.
	 */
	void confirm(URI url) throws IOException {
		send(url).body().close();
	}

	private HttpResponse<InputStream> send(URI url) throws IOException {
		try {
			HttpResponse<InputStream> response = this.http.send(
					HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				response.body().close();
				throw new IOException(url + " answered " + response.statusCode());
			}
			return response;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
