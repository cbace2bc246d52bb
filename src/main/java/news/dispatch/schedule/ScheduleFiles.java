package news.dispatch.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import news.dispatch.system.InvalidInputException;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.scheduling.support.CronExpression;

/**
 * Reads the schedules of {@code jobs/*}/job.yml: a job folder whose file has a
 * {@code schedule} block with {@code cron} and {@code zone} is run on it; one without is
 * not scheduled. A schedule that cannot be used is refused with the file, the key and the
 * reason, so {@code dispatch serve} never starts with a schedule it would not keep.
 */
final class ScheduleFiles {

	private ScheduleFiles() {
	}

	/**
	 * The schedules of the job folders under {@code jobsDir}, of the jobs that can be
	 * scheduled ({@code schedulable}).
	 * @throws InvalidInputException naming the file, the key and what is wrong
	 */
	static List<Schedule> read(Path jobsDir, Set<String> schedulable) {
		List<Schedule> schedules = new ArrayList<>();
		if (!Files.isDirectory(jobsDir)) {
			return schedules;
		}
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(jobsDir, Files::isDirectory)) {
			for (Path folder : folders) {
				Path file = folder.resolve("job.yml");
				if (Files.isRegularFile(file)) {
					Schedule schedule = read(file, folder.getFileName().toString(), schedulable);
					if (schedule != null) {
						schedules.add(schedule);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidInputException("Cannot read the job folders in " + jobsDir + " (" + ex.getMessage()
					+ "); check dispatch.jobs-dir.", ex);
		}
		schedules.sort((a, b) -> a.job().compareTo(b.job()));
		return schedules;
	}

	static Schedule read(Path file, String job, Set<String> schedulable) {
		Object document;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			document = new Yaml().load(reader);
		}
		catch (IOException | YAMLException ex) {
			throw refused(file, "schedule", "the file is not readable YAML (" + firstLine(ex.getMessage()) + ")",
					"fix its syntax");
		}
		if (!(document instanceof Map<?, ?> root) || !root.containsKey("schedule")) {
			return null;
		}
		if (!(root.get("schedule") instanceof Map<?, ?> block)) {
			throw refused(file, "schedule", "it is not a block with cron and zone",
					"write schedule: {cron: \"0 0 * * * *\", zone: UTC}");
		}
		if (!schedulable.contains(job)) {
			throw refused(file, "schedule",
					"there is no job \"" + job + "\" that can be scheduled (only "
							+ String.join(", ", schedulable.stream().sorted().toList()) + ")",
					"remove the schedule block");
		}
		Object cron = block.get("cron");
		if (cron == null || cron.toString().isBlank()) {
			throw refused(file, "schedule.cron", "the key is missing",
					"add it, e.g. cron: \"0 0 * * * *\" (second minute hour day month weekday)");
		}
		Object zone = block.get("zone");
		if (zone == null || zone.toString().isBlank()) {
			throw refused(file, "schedule.zone", "the key is missing", "add it, e.g. zone: UTC or zone: Europe/Berlin");
		}
		CronExpression expression;
		try {
			expression = CronExpression.parse(cron.toString().strip());
		}
		catch (IllegalArgumentException ex) {
			throw refused(file, "schedule.cron",
					"\"" + cron + "\" is not a cron expression (" + firstLine(ex.getMessage()) + ")",
					"write six fields, second minute hour day month weekday, e.g. \"0 0 * * * *\" for hourly");
		}
		ZoneId zoneId;
		try {
			zoneId = ZoneId.of(zone.toString().strip());
		}
		catch (DateTimeException ex) {
			throw refused(file, "schedule.zone", "\"" + zone + "\" is not a time zone",
					"use an IANA id like UTC, Europe/Berlin or America/New_York");
		}
		return new Schedule(job, expression, zoneId, file);
	}

	private static InvalidInputException refused(Path file, String key, String reason, String fix) {
		return new InvalidInputException(
				"The schedule in " + file + " is refused: " + key + ": " + reason + "; " + fix + ".");
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no detail";
		}
		String line = message.strip();
		int end = line.indexOf('\n');
		return (end < 0) ? line : line.substring(0, end).strip();
	}

}
