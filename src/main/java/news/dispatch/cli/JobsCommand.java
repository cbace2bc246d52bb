package news.dispatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import news.dispatch.alert.AlertJob;
import news.dispatch.alert.Alerts;
import news.dispatch.delivery.DeliveryStatus;
import news.dispatch.delivery.EditionTotals;
import news.dispatch.delivery.LedgerKey;
import news.dispatch.feedback.FeedbackReports;
import news.dispatch.feedback.ReportKind;
import news.dispatch.delivery.SendingConnections;
import news.dispatch.digest.DigestJob;
import news.dispatch.run.JobDescriptors;
import news.dispatch.run.JobRuns;
import news.dispatch.run.RunLiveness;
import news.dispatch.system.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * {@code dispatch jobs list | show ID | restart ID | stop ID | abandon ID | recover ID}:
 * every run, from the job repository.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "See, stop, restart and recover job runs.",
		subcommands = { JobsCommand.ListCommand.class, JobsCommand.ShowCommand.class, JobsCommand.RestartCommand.class,
				JobsControlCommands.StopCommand.class, JobsControlCommands.AbandonCommand.class,
				JobsControlCommands.RecoverCommand.class })
class JobsCommand {

	@Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
	static class ListCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Option(names = "--job", description = "Only runs of this job (ingest, digest).")
		private String job;

		@Option(names = "--status",
				description = "Only runs in this status (STARTED, COMPLETED, FAILED, STOPPED, ABANDONED, …).")
		private BatchStatus status;

		@Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
		private int limit;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final JobRepository repository;

		private final RunLiveness liveness;

		ListCommand(JobRepository repository, RunLiveness liveness) {
			this.repository = repository;
			this.liveness = liveness;
		}

		@Override
		public void run() {
			List<JobExecution> executions = executions(this.repository, this.job, this.status, this.limit);
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, executions.stream().map((execution) -> summary(this.liveness, execution)).toList());
				return;
			}
			if (executions.isEmpty()) {
				out.println("No runs yet.");
			}
			for (JobExecution execution : executions) {
				out.printf("%5d  %-8s %-10s %-19s %8s  %s%s%n", execution.getId(),
						execution.getJobInstance().getJobName(), execution.getStatus(), time(execution.getStartTime()),
						duration(execution), parameters(execution), orphanNote(this.liveness, execution));
			}
		}

	}

	@Command(name = "show", mixinStandardHelpOptions = true,
			description = "Show one run: its steps, its outcome and, for sending jobs, the ledger's counts.")
	static class ShowCommand implements Runnable {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The run's id (see jobs list).")
		private long id;

		@Option(names = "--json", description = "Print one JSON document.")
		private boolean json;

		private final JobRepository repository;

		private final EditionTotals totals;

		private final JobDescriptors jobs;

		private final RunLiveness liveness;

		private final FeedbackReports feedback;

		private final Alerts alerts;

		ShowCommand(JobRepository repository, EditionTotals totals, JobDescriptors jobs, RunLiveness liveness,
				FeedbackReports feedback, Alerts alerts) {
			this.alerts = alerts;
			this.repository = repository;
			this.totals = totals;
			this.jobs = jobs;
			this.liveness = liveness;
			this.feedback = feedback;
		}

		@Override
		public void run() {
			JobExecution execution = find(this.repository, this.id);
			Map<String, Object> json = summary(this.liveness, execution);
			List<Map<String, Object>> steps = new ArrayList<>();
			for (StepExecution step : execution.getStepExecutions()) {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("name", step.getStepName());
				s.put("status", step.getStatus().name());
				s.put("read", step.getReadCount());
				s.put("write", step.getWriteCount());
				s.put("filter", step.getFilterCount());
				s.put("skip", step.getSkipCount());
				s.put("commit", step.getCommitCount());
				String connections = step.getExecutionContext().getString(SendingConnections.WHY, "");
				if (!connections.isEmpty()) {
					s.put("connections", connections);
				}
				steps.add(s);
			}
			json.put("steps", steps);
			List<LedgerKey> keys = this.jobs.keys(execution);
			Map<DeliveryStatus, Long> counts = null;
			List<EditionTotals.Reply> replies = List.of();
			if (!keys.isEmpty()) {
				counts = this.totals.counts(keys);
				replies = this.totals.commonReplies(keys, 5);
				json.put("deliveries", counts);
				json.put("inDoubt", this.totals.inDoubt(keys));
				json.put("replies", replies);
				if (keys.size() > 1) {
					// an hourly run: the editions it can plan, each with its own counts
					Map<String, Object> editions = new LinkedHashMap<>();
					keys.forEach((key) -> editions.put(key.key(), this.totals.counts(key)));
					json.put("editions", editions);
				}
				json.put("late", late(this.feedback.ofEditions(keys)));
			}
			Long alerted = AlertJob.NAME.equals(execution.getJobInstance().getJobName())
					? execution.getJobParameters().getLong(AlertJob.ARTICLE) : null;
			if (alerted != null) {
				json.put("requestedBy", this.alerts.requestedBy(alerted).orElse(null));
			}
			json.put("failure", JobRuns.failure(execution));
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.json) {
				Json.print(out, json);
				return;
			}
			out.printf("Run %d of %s: %s (exit %s)%n", execution.getId(), execution.getJobInstance().getJobName(),
					execution.getStatus(), execution.getExitStatus().getExitCode());
			out.printf("Parameters: %s%n", parameters(execution));
			if (json.get("requestedBy") != null) {
				out.printf("Requested by: %s%n", json.get("requestedBy"));
			}
			out.printf("Started %s, ended %s, took %s%n", time(execution.getStartTime()), time(execution.getEndTime()),
					duration(execution));
			// an ingest run has a step per source, named after it
			int width = steps.stream().mapToInt((s) -> s.get("name").toString().length()).max().orElse(16);
			String row = "%-" + Math.max(16, width) + "s %-10s %8s %8s %8s %8s %8s%n";
			out.printf("%n" + row, "step", "status", "read", "write", "filter", "skip", "commit");
			for (Map<String, Object> s : steps) {
				out.printf(row, s.get("name"), s.get("status"), s.get("read"), s.get("write"), s.get("filter"),
						s.get("skip"), s.get("commit"));
			}
			steps.stream()
				.filter((s) -> s.containsKey("connections"))
				.forEach((s) -> out.printf("%n%s: %s%n", s.get("name"), s.get("connections")));
			if (counts != null) {
				out.printf("%nDeliveries: %s%n", counts);
				out.printf("Came back later: %s%n", json.get("late"));
				if (((Long) json.get("inDoubt")) > 0) {
					out.printf("In doubt: %d (in flight when a run died, sent again: may have arrived twice)%n",
							json.get("inDoubt"));
				}
				if (!replies.isEmpty()) {
					out.printf("Commonest replies of the unsent:%n");
					for (EditionTotals.Reply reply : replies) {
						out.printf("%8d  %-8s %s%n", reply.count(), reply.status(), reply.reply());
					}
				}
			}
			if (json.get("failure") != null) {
				out.printf("%nFailure: %s%n", JobRuns.firstLine((String) json.get("failure")));
			}
		}

	}

	/**
	 * The late bounces and complaints of an edition, by kind.
	 */
	static Map<String, Long> late(Map<ReportKind, Long> reports) {
		Map<String, Long> late = new LinkedHashMap<>();
		late.put("hardBounces", reports.getOrDefault(ReportKind.HARD_BOUNCE, 0L));
		late.put("softBounces", reports.getOrDefault(ReportKind.SOFT_BOUNCE, 0L));
		late.put("complaints", reports.getOrDefault(ReportKind.COMPLAINT, 0L));
		return late;
	}

	@Command(name = "restart", mixinStandardHelpOptions = true,
			description = "Restart a failed or stopped run; it goes on from where it stopped and sends nothing twice.")
	static class RestartCommand implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The run's id (see jobs list).")
		private long id;

		@Mixin
		private QuietOption quiet = new QuietOption();

		private final JobRepository repository;

		private final JobRuns runs;

		private final EditionTotals totals;

		private final JobDescriptors jobs;

		RestartCommand(JobRepository repository, JobRuns runs, EditionTotals totals, JobDescriptors jobs) {
			this.jobs = jobs;
			this.repository = repository;
			this.runs = runs;
			this.totals = totals;
		}

		@Override
		public Integer call() {
			JobExecution execution = find(this.repository, this.id);
			JobExecution restarted;
			try {
				restarted = this.runs.restart(execution, this.quiet.quiet);
			}
			catch (JobRestartException ex) {
				throw new InvalidInputException("Run " + this.id + " cannot be restarted: it is "
						+ execution.getStatus() + ". Only a FAILED or STOPPED run restarts" + (execution.isRunning()
								? "; if its process died, run dispatch jobs recover " + this.id + " first." : "."));
			}
			PrintWriter out = this.spec.commandLine().getOut();
			out.printf("Restarted run %d of %s as run %d: %s.%n", this.id, execution.getJobInstance().getJobName(),
					restarted.getId(), restarted.getStatus());
			List<LedgerKey> keys = this.jobs.keys(execution);
			if (!keys.isEmpty()) {
				out.printf("Deliveries: %s%n", this.totals.counts(keys));
				long inDoubt = this.totals.inDoubt(keys);
				if (inDoubt > 0) {
					out.printf("%d message(s) were in flight when a run died and were sent again: they may have"
							+ " arrived twice, with the same Message-ID.%n", inDoubt);
				}
			}
			return restarted.getStatus().name().equals("COMPLETED") ? CommandLineInterface.DONE
					: JobRuns.reportUnfinished(this.spec.commandLine().getErr(), restarted);
		}

	}

	static JobExecution find(JobRepository repository, long id) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			execution = null;
		}
		if (execution == null) {
			throw new InvalidInputException("There is no run " + id + "; see dispatch jobs list for the ids.");
		}
		return execution;
	}

	static List<JobExecution> executions(JobRepository repository, String job, BatchStatus status, int limit) {
		List<JobExecution> all = new ArrayList<>();
		for (String name : repository.getJobNames()) {
			if (job != null && !job.equals(name)) {
				continue;
			}
			for (JobInstance instance : repository.getJobInstances(name, 0,
					(status != null) ? Integer.MAX_VALUE : limit)) {
				for (JobExecution execution : repository.getJobExecutions(instance)) {
					if (status == null || execution.getStatus() == status) {
						all.add(execution);
					}
				}
			}
		}
		all.sort(Comparator.comparing(JobExecution::getId).reversed());
		return all.subList(0, Math.min(limit, all.size()));
	}

	static String orphanNote(RunLiveness liveness, JobExecution execution) {
		if (liveness.dead(execution)) {
			return "  (its process is gone: dispatch jobs recover " + execution.getId() + ")";
		}
		return "";
	}

	static Map<String, Object> summary(RunLiveness liveness, JobExecution execution) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", execution.getId());
		json.put("job", execution.getJobInstance().getJobName());
		json.put("status", execution.getStatus().name());
		json.put("exitCode", execution.getExitStatus().getExitCode());
		json.put("startTime", (execution.getStartTime() != null) ? execution.getStartTime().toString() : null);
		json.put("endTime", (execution.getEndTime() != null) ? execution.getEndTime().toString() : null);
		Map<String, Object> parameters = new LinkedHashMap<>();
		execution.getJobParameters().parameters().forEach((p) -> parameters.put(p.name(), String.valueOf(p.value())));
		json.put("parameters", parameters);
		if (execution.isRunning()) {
			json.put("process", liveness.of(execution).name());
		}
		return json;
	}

	static String parameters(JobExecution execution) {
		List<String> shown = new ArrayList<>();
		execution.getJobParameters().parameters().forEach((p) -> {
			String value = String.valueOf(p.value()).replace('\n', ',');
			shown.add(p.name() + "=" + value);
		});
		return String.join(" ", shown);
	}

	static String time(LocalDateTime time) {
		return (time != null) ? time.withNano(0).toString().replace('T', ' ') : "-";
	}

	static String duration(JobExecution execution) {
		if (execution.getStartTime() == null) {
			return "-";
		}
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		Duration took = Duration.between(execution.getStartTime(), end);
		return (took.toSeconds() > 0) ? took.toSeconds() + "s" : took.toMillis() + "ms";
	}

}
