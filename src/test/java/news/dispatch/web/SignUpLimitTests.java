package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import news.dispatch.Cli;
import news.dispatch.FunctionalTest;
import news.dispatch.Site;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static news.dispatch.web.SubscriberPagesTests.signUp;
import static news.dispatch.web.SubscriberPagesTests.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-up form's limit per client: an application of its own, as the limit, once
 * reached, refuses every other sign-up from this machine for an hour.
 */
@FunctionalTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.data-dir=target/test-data/sign-up-limit", "dispatch.secret=" + Tokens.SECRET,
				"dispatch.web.sign-ups-per-client-per-hour=30", "dispatch.web.mails-per-address-per-day=3" })
class SignUpLimitTests {

	@Autowired
	Site site;

	@Test
	void oneClientCannotSignUpMoreThanTheLimitAnHour(@Autowired Cli cli) throws Exception {
		cli.importNewsroom(Path.of("target/test-data/sign-up-limit/input"));
		Site.Client reader = this.site.browser();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			statuses.add(subscribe(reader, signUp("many" + i + "@example.net", "Russia", "")).statusCode());
		}
		assertThat(statuses).contains(429);
		assertThat(statuses.subList(statuses.indexOf(429), statuses.size())).containsOnly(429);
		HttpResponse<String> refused = subscribe(reader, signUp("one.more@example.net", "Russia", ""));
		assertThat(refused.body()).contains("Too many requests");
		assertThat(this.site.findReader("one.more@example.net")).isEmpty();
	}

}
