package news.dispatch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate for 127.0.0.1 made for one test run with the JDK's keytool, and the TLS
 * context a test SMTP server presents it with. Nothing is checked in: a key in the
 * repository would be a key anyone could use.
 */
final class SelfSignedCertificate {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private SelfSignedCertificate() {
	}

	static SSLContext serverContext(Path folder) throws IOException, InterruptedException, GeneralSecurityException {
		Files.createDirectories(folder);
		Path store = folder.resolve("smtp-server.p12");
		Files.deleteIfExists(store);
		Process keytool = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias",
						"smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
						"-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
						"-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes());
		if (keytool.waitFor() != 0) {
			throw new IllegalStateException("keytool could not make a certificate: " + output);
		}
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, PASSWORD);
		}
		KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		managers.init(keys, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(managers.getKeyManagers(), null, null);
		return context;
	}

}
