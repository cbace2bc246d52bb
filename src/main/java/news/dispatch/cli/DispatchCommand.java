package news.dispatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dispatch}: the root of the command line.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true, version = "Dispatch 0.1.0",
		description = "Topic digests and breaking-news alerts by email for a newsroom.%n"
				+ "Spring Boot options work on every command: --spring.mail.host=... --spring.datasource.url=..."
				+ " --dispatch.data-dir=DIR",
		subcommands = { DemoCommand.class, IngestCommand.class, DigestCommand.class, AlertCommand.class,
				ArticlesCommand.class, TopicsCommand.class, SubscribersCommand.class, BouncesCommand.class,
				SourcesCommand.class, WebhooksCommand.class, StatsCommand.class, SmtpCommand.class, JobsCommand.class,
				ServeCommand.class, WorkerCommand.class, AuditCommand.class, HousekeepingCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done", "1:the job failed or stopped", "2:bad usage or bad input" })
class DispatchCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return CommandLineInterface.BAD_INPUT;
	}

}
