package news.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Copies the test fixtures (src/test/resources/fixtures) to a folder where the commands
 * can read them.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * Copies one fixture file, or every file of a fixture folder, into the target folder.
	 */
	public static Path copy(String fixture, Path target) {
		try {
			Files.createDirectories(target);
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			Resource single = resolver.getResource("classpath:fixtures/" + fixture);
			if (single.exists() && single.isReadable() && !fixture.endsWith("/")) {
				return copy(single, target);
			}
			for (Resource resource : resolver.getResources("classpath:fixtures/" + fixture + "*")) {
				copy(resource, target);
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path copy(Resource resource, Path target) throws IOException {
		Path file = target.resolve(resource.getFilename());
		try (InputStream in = resource.getInputStream()) {
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

	/**
	 * A loopback port nothing listens on: an SMTP server that is down.
	 */
	public static int closedPort() {
		try (ServerSocket free = new ServerSocket(0)) {
			return free.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a folder and everything in it, if it exists. For a test's data directory
	 * (under target/test-data), it also makes its PostgreSQL database afresh when the
	 * tests run on PostgreSQL.
	 */
	public static void delete(Path folder) {
		if (folder.toAbsolutePath().normalize().getParent().endsWith("test-data")) {
			TestDatabase.fresh(folder);
		}
		if (!Files.exists(folder)) {
			return;
		}
		try (var walk = Files.walk(folder)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
