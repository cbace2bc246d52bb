package news.dispatch.alert;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The alert job's name and parameters. An alert is one job instance per article: the
 * article id is the identifying parameter, so an article is alerted once, and a failed
 * alert is restarted rather than begun again.
 */
public final class AlertJob {

	public static final String NAME = "alert";

	/** The kind of the ledger's rows for alerts; their edition key is the article id. */
	public static final String KIND = "alert";

	public static final String ARTICLE = "article";

	private AlertJob() {
	}

	public static JobParameters parameters(long articleId) {
		return new JobParametersBuilder().addLong(ARTICLE, articleId).toJobParameters();
	}

}
