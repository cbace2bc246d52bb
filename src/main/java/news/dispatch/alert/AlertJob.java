package news.dispatch.alert;

import java.util.List;

import news.dispatch.delivery.LedgerKey;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The alert job's name and parameters. An alert is one job instance per article: the
 * article id is the identifying parameter, so an article is alerted once, and a failed
 * alert is restarted rather than begun again.
 */
public final class AlertJob {

	public static final String NAME = "alert";

	public static final String ARTICLE = "article";

	private AlertJob() {
	}

	/**
	 * The ledger key of the alert a run sends.
	 */
	public static List<LedgerKey> keys(JobParameters parameters) {
		Long article = parameters.getLong(ARTICLE);
		return (article != null) ? List.of(LedgerKey.alert(article)) : List.of();
	}

	public static JobParameters parameters(long articleId) {
		return new JobParametersBuilder().addLong(ARTICLE, articleId).toJobParameters();
	}

}
