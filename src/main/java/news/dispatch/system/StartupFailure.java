package news.dispatch.system;

import java.sql.SQLException;
import java.util.Optional;

import org.flywaydb.core.api.FlywayException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Says in one sentence why Dispatch could not start, and what to do: the full story is in
 * the log file.
 */
public final class StartupFailure {

	private StartupFailure() {
	}

	public static String explain(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		for (Throwable ex = failure; ex != null; ex = (ex.getCause() != ex) ? ex.getCause() : null) {
			if (ex instanceof SQLException || ex instanceof CannotGetJdbcConnectionException
					|| ex.getClass().getSimpleName().contains("UnableToConnect")) {
				return "Dispatch cannot open its database (" + oneLine(root.getMessage())
						+ "); check spring.datasource.url, that the database server is running, and that the data"
						+ " directory is writable.";
			}
		}
		for (Throwable ex = failure; ex != null; ex = (ex.getCause() != ex) ? ex.getCause() : null) {
			if (ex instanceof FlywayException) {
				return "Dispatch cannot bring its database schema up to date (" + oneLine(root.getMessage())
						+ "); check spring.datasource.url points at Dispatch's own database.";
			}
			if (ex instanceof BindException bind) {
				return "The setting " + bind.getProperty().getName() + " has a value Dispatch cannot use ("
						+ oneLine(root.getMessage()) + "); fix it on the command line, in the environment or in the"
						+ " configuration file.";
			}
		}
		Optional<String> own = Failures.ownMessage(failure);
		if (own.isPresent()) {
			return own.get();
		}
		return "Dispatch could not start: " + oneLine(root.getMessage())
				+ "; the log (DATA_DIR/dispatch.log) has the details.";
	}

	private static String oneLine(String message) {
		if (message == null) {
			return "no reason given";
		}
		String line = message.strip();
		int end = line.indexOf('\n');
		return (end < 0) ? line : line.substring(0, end).strip();
	}

}
