package news.dispatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import news.dispatch.article.Article;
import news.dispatch.article.Articles;
import news.dispatch.delivery.ComposedMessage;
import news.dispatch.subscriber.Subscribers;
import news.dispatch.system.InvalidInputException;
import news.dispatch.topic.TopicMatching;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * What editors do with alerts, from the command line, the API and the editor page: see an
 * article's audience and its alert before sending (nothing is sent), and send it. An
 * article is alerted once: asking again after it went out is refused with
 * {@link AlreadyAlertedException}.
 */
@Service
public class Alerts implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Alerts.class);

	private final Articles articles;

	private final Subscribers subscribers;

	private final TopicMatching matching;

	private final Audience audience;

	private final AlertComposer composer;

	private final AlertRequests requests;

	private final AlertSettings settings;

	private final Job alertJob;

	private final JobOperator operator;

	private final JobRepository repository;

	private final ExecutorService background = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "alert");
		thread.setDaemon(true);
		return thread;
	});

	Alerts(Articles articles, Subscribers subscribers, TopicMatching matching, Audience audience,
			AlertComposer composer, AlertRequests requests, AlertSettings settings, @Qualifier("alertJob") Job alertJob,
			JobOperator operator, JobRepository repository) {
		this.articles = articles;
		this.subscribers = subscribers;
		this.matching = matching;
		this.audience = audience;
		this.composer = composer;
		this.requests = requests;
		this.settings = settings;
		this.alertJob = alertJob;
		this.operator = operator;
		this.repository = repository;
	}

	/**
	 * An alert as it would go now.
	 *
	 * @param topics the topics the article matched, best first
	 * @param keywordMatches readers whose own keywords matched it
	 * @param audience readers it would go to now, after suppressions, the cap and quiet
	 * hours
	 * @param held readers in their quiet hours (their digest carries it)
	 * @param capped readers over their daily cap (their digest carries it)
	 * @param sentRun the run that sent it, when it was sent already
	 * @param requestedBy who started it ({@code editor:NAME}, {@code api:NAME},
	 * {@code api:token:NAME}, {@code cli}), when someone did
	 * @param sample the alert as a sample reader following its topics would get it, with
	 * links that do nothing (never a real reader's address or tokens); none when nobody
	 * would get it
	 */
	public record Preview(long articleId, String headline, List<String> topics, int keywordMatches, int audience,
			int held, int capped, @Nullable Long sentRun, @Nullable Sample sample, @Nullable String requestedBy) {
	}

	/**
	 * The alert rendered for one reader.
	 */
	public record Sample(String email, String subject, String text, String html) {
	}

	/**
	 * Works out the audience and renders the alert for a sample reader; sends nothing and
	 * changes nothing but the matching of articles not yet matched.
	 * @throws InvalidWordingException when the headline or note is too long
	 * @throws InvalidInputException when there is no such article
	 */
	public Preview preview(long articleId, @Nullable String headline, @Nullable String note) {
		InvalidWordingException.check(headline, note);
		Article article = article(articleId);
		this.matching.matchPending();
		Audience.Plan plan = this.audience.plan(articleId, Instant.now());
		Optional<AlertRequests.Request> request = (blank(headline) && blank(note)) ? this.requests.find(articleId)
				: Optional.of(new AlertRequests.Request(articleId, headline, note, "preview"));
		AlertComposer.Story story = new AlertComposer.Story(article, request, plan.topics());
		Sample sample = null;
		if (!plan.send().isEmpty() || !plan.held().isEmpty() || !plan.capped().isEmpty()) {
			ComposedMessage message = this.composer.sample(story);
			sample = new Sample(message.to(), message.subject(), message.text(), message.html());
		}
		String shown = blank(headline)
				? request.map(AlertRequests.Request::headline).filter((h) -> !h.isBlank()).orElse(article.headline())
				: headline.strip();
		return new Preview(articleId, shown, plan.topics(), plan.keywordMatches(), plan.send().size(),
				plan.held().size(), plan.capped().size(), sentRun(articleId).orElse(null), sample,
				requestedBy(articleId).orElse(null));
	}

	/**
	 * Keeps the editor's wording for the article's alert, before its run starts.
	 * @throws AlreadyAlertedException when its alert already went out
	 * @throws InvalidInputException when there is no such article
	 */
	public void prepare(long articleId, @Nullable String headline, @Nullable String note, String editor) {
		InvalidWordingException.check(headline, note);
		article(articleId);
		Optional<Long> sent = sentRun(articleId);
		if (sent.isPresent()) {
			throw new AlreadyAlertedException(articleId, sent.get());
		}
		Optional<Long> running = runningRun(articleId);
		if (running.isPresent()) {
			throw AlreadyAlertedException.running(articleId, running.get());
		}
		this.requests.save(new AlertRequests.Request(articleId, headline, note, editor));
	}

	/**
	 * Prepares the alert and starts its run in the background, for {@code serve}.
	 * @return the audience it is being sent to
	 */
	public Preview startInBackground(long articleId, @Nullable String headline, @Nullable String note, String editor) {
		prepare(articleId, headline, note, editor);
		Preview preview = preview(articleId, null, null);
		this.background.submit(() -> {
			try {
				JobExecution run = this.operator.start(this.alertJob, AlertJob.parameters(articleId));
				logger.info("Alert for article {} (run {}) ended {}", articleId, run.getId(), run.getStatus());
			}
			catch (Exception ex) {
				logger.error("The alert for article {} could not run", articleId, ex);
			}
		});
		return preview;
	}

	/**
	 * Who started the article's alert ({@code editor:NAME}, {@code api:NAME},
	 * {@code api:token:NAME}, {@code cli}), if anyone did.
	 */
	public Optional<String> requestedBy(long articleId) {
		return this.requests.find(articleId)
			.map(AlertRequests.Request::requestedBy)
			.filter((by) -> !by.isBlank() && !by.equals("preview"));
	}

	/**
	 * The run that sent the article's alert completely, if any.
	 */
	public Optional<Long> sentRun(long articleId) {
		return lastRun(articleId).filter((run) -> run.getStatus() == BatchStatus.COMPLETED).map(JobExecution::getId);
	}

	private Optional<Long> runningRun(long articleId) {
		return lastRun(articleId).filter(JobExecution::isRunning).map(JobExecution::getId);
	}

	private Optional<JobExecution> lastRun(long articleId) {
		JobInstance instance = this.repository.getJobInstance(AlertJob.NAME, AlertJob.parameters(articleId));
		if (instance == null) {
			return Optional.empty();
		}
		return this.repository.getJobExecutions(instance).stream().max(Comparator.comparing(JobExecution::getId));
	}

	/**
	 * The recent articles an editor may alert, newest first, each with its audience.
	 */
	public List<Preview> recent() {
		this.matching.matchPending();
		Instant since = Instant.now().minus(java.time.Duration.ofDays(this.settings.recentDays()));
		List<Preview> recent = new ArrayList<>();
		Instant now = Instant.now();
		for (Article article : this.articles.publishedSince(since, this.settings.recentArticles())) {
			Audience.Plan plan = this.audience.plan(article.id(), now);
			recent.add(new Preview(article.id(), article.headline(), plan.topics(), plan.keywordMatches(),
					plan.send().size(), plan.held().size(), plan.capped().size(), sentRun(article.id()).orElse(null),
					null, requestedBy(article.id()).orElse(null)));
		}
		return recent;
	}

	private Article article(long articleId) {
		return this.articles.find(articleId)
			.orElseThrow(() -> new InvalidInputException("There is no article " + articleId
					+ "; see the ids with dispatch articles list (or the editor page)."));
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	@Override
	public void destroy() {
		this.background.shutdown();
	}

}
