package news.dispatch.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import news.dispatch.system.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schedules of {@code jobs/*}/job.yml: the project's own are valid, and one that
 * cannot be kept is refused with the file, the key and the reason.
 */
class ScheduleFilesTests {

	static final Set<String> JOBS = Set.of("ingest", "digest", "housekeeping");

	@TempDir
	Path jobs;

	@Test
	void theProjectsJobsRunIngestEveryFiveMinutesDigestsHourlyAndHousekeepingHourlyAtMinute17() {
		// when
		List<Schedule> schedules = ScheduleFiles.read(Path.of("jobs"), JOBS);

		// then
		assertThat(schedules).extracting(Schedule::job).containsExactly("digest", "housekeeping", "ingest");
		Instant at = Instant.parse("2026-03-08T06:59:30Z");
		assertThat(schedules.get(0).next(at)).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
		assertThat(schedules.get(1).next(at)).isEqualTo(Instant.parse("2026-03-08T07:17:00Z"));
		assertThat(schedules.get(2).next(at)).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
	}

	@Test
	void aCronExpressionIsReadInItsZoneAcrossADaylightSavingChange() throws Exception {
		// given: hourly, read in New York, where 2026-03-08 has no 02:00
		write("digest", "schedule:\n  cron: \"0 0 * * * *\"\n  zone: America/New_York\n");

		// when
		Schedule schedule = ScheduleFiles.read(this.jobs, JOBS).get(0);

		// then: 01:00 EST is followed by 03:00 EDT, one real hour later
		assertThat(schedule.zone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(schedule.next(Instant.parse("2026-03-08T06:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
	}

	@Test
	void aDailyTimeThatADaylightSavingChangeSkipsIsSkippedThatDay() throws Exception {
		// given: every day at 02:30 in New York, where 2026-03-08 has no 02:30
		write("digest", "schedule:\n  cron: \"0 30 2 * * *\"\n  zone: America/New_York\n");

		// then: Spring's cron has no run that day (the README says to schedule the
		// hourly digest hourly, which every day has)
		assertThat(ScheduleFiles.read(this.jobs, JOBS).get(0).next(Instant.parse("2026-03-08T05:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-09T06:30:00Z"));
	}

	@Test
	void aFileWithoutAScheduleIsNotScheduled() throws Exception {
		write("digest", "dispatch:\n  digest:\n    max-articles: 5\n");
		assertThat(ScheduleFiles.read(this.jobs, JOBS)).isEmpty();
	}

	@Test
	void aBadCronExpressionIsRefusedWithTheFileKeyAndReason() throws Exception {
		Path file = write("digest", "schedule:\n  cron: \"0 0 25 * * *\"\n  zone: UTC\n");
		assertThatThrownBy(() -> ScheduleFiles.read(this.jobs, JOBS)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("schedule.cron: \"0 0 25 * * *\" is not a cron expression")
			.hasMessageContaining("write six fields");
	}

	@Test
	void anUnknownZoneIsRefused() throws Exception {
		Path file = write("ingest", "schedule:\n  cron: \"0 */5 * * * *\"\n  zone: Mars/Olympus\n");
		assertThatThrownBy(() -> ScheduleFiles.read(this.jobs, JOBS)).isInstanceOf(InvalidInputException.class)
			.hasMessage("The schedule in " + file + " is refused: schedule.zone: \"Mars/Olympus\" is not a time zone;"
					+ " use an IANA id like UTC, Europe/Berlin or America/New_York.");
	}

	@Test
	void aMissingKeyIsRefused() throws Exception {
		write("digest", "schedule:\n  zone: UTC\n");
		assertThatThrownBy(() -> ScheduleFiles.read(this.jobs, JOBS))
			.hasMessageContaining("schedule.cron: the key is missing");
		write("digest", "schedule:\n  cron: \"0 0 * * * *\"\n");
		assertThatThrownBy(() -> ScheduleFiles.read(this.jobs, JOBS))
			.hasMessageContaining("schedule.zone: the key is missing");
	}

	@Test
	void aScheduleForAJobThatCannotBeScheduledIsRefused() throws Exception {
		write("alert", "schedule:\n  cron: \"0 0 * * * *\"\n  zone: UTC\n");
		assertThatThrownBy(() -> ScheduleFiles.read(this.jobs, JOBS))
			.hasMessageContaining("schedule: there is no job \"alert\" that can be scheduled");
	}

	private Path write(String job, String yaml) throws Exception {
		Path file = Files.createDirectories(this.jobs.resolve(job)).resolve("job.yml");
		Files.writeString(file, yaml);
		return file;
	}

}
