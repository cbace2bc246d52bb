package news.dispatch.cli;

import picocli.CommandLine.Option;

/**
 * {@code --quiet}: no progress lines while a run goes.
 */
class QuietOption {

	@Option(names = { "-q", "--quiet" }, description = "Show no progress while the run goes.")
	boolean quiet;

}
