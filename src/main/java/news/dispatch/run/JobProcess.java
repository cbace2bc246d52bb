package news.dispatch.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The process that runs a job: host, pid and start time, recorded with the run so that a
 * run left STARTED by a process that was killed can be told from one still going.
 */
record JobProcess(String host, long pid, String started) {

	private static final String HOST = "dispatch.process.host";

	private static final String PID = "dispatch.process.pid";

	private static final String STARTED = "dispatch.process.started";

	/**
	 * What another process can tell about a run's process.
	 */
	enum Liveness {

		/** The process is alive on this host. */
		ALIVE,
		/** The process is gone from this host: the run will never end by itself. */
		GONE,
		/** The run is on another host, or recorded nothing: cannot tell from here. */
		UNKNOWN

	}

	static JobProcess current() {
		ProcessHandle self = ProcessHandle.current();
		return new JobProcess(hostName(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(""));
	}

	static Optional<JobProcess> of(ExecutionContext context) {
		if (!context.containsKey(PID) || !context.containsKey(HOST)) {
			return Optional.empty();
		}
		return Optional
			.of(new JobProcess(context.getString(HOST), context.getLong(PID), context.getString(STARTED, "")));
	}

	void writeTo(ExecutionContext context) {
		context.putString(HOST, this.host);
		context.putLong(PID, this.pid);
		context.putString(STARTED, this.started);
	}

	Liveness liveness() {
		if (!this.host.equals(hostName())) {
			return Liveness.UNKNOWN;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(this.pid);
		boolean alive = process.isPresent() && process.get().isAlive() && (this.started.isEmpty()
				|| process.get().info().startInstant().map(Instant::toString).orElse("").equals(this.started));
		return alive ? Liveness.ALIVE : Liveness.GONE;
	}

	private static String hostName() {
		try {
			Path kernel = Path.of("/proc/sys/kernel/hostname");
			if (Files.isReadable(kernel)) {
				return Files.readString(kernel).strip();
			}
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

}
