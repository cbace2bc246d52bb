package news.dispatch.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import news.dispatch.Cli;
import news.dispatch.Newsroom;
import news.dispatch.Site;
import news.dispatch.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the preference-center tests share: their newsroom (one topic, a story with its own
 * address, six readers), a reader's page, its forms posted with the page's CSRF token,
 * and the links read out of mail.
 */
final class ReaderPages {

	private static final Pattern LINK = Pattern.compile("https://dispatch\\.example\\.com(/[a-z/]+\\?token=[\\w.-]+)");

	private ReaderPages() {
	}

	/**
	 * Topic "Harbour"; readers ana, ben, cy, dee, eve and fay at example.com, daily at 7
	 * in UTC with alerts, named after themselves; one harbour story with its address.
	 */
	static void newsroom(Cli cli, Path folder) throws Exception {
		Newsroom newsroom = Newsroom.in(cli, folder.resolve("input"))
			.topic("Harbour", "harbour")
			.columns("email,name,topics,frequency,timezone,send_hour,alerts");
		for (String reader : List.of("ana", "ben", "cy", "dee", "eve", "fay")) {
			newsroom.subscriber(reader + "@example.com", "Reader " + reader.toUpperCase(java.util.Locale.ROOT),
					"Harbour", "daily", "UTC", "7", "true");
		}
		newsroom.load();
		Path stories = Files.createDirectories(folder.resolve("stories"));
		Files.writeString(stories.resolve("harbour.json"), """
				{"headline": "Harbour fees rise", "url": "https://paper.example/harbour-fees",
				 "body": "The harbour authority raised its fees on Monday for every ship that docks in the harbour."}
				""");
		assertThat(cli.run("ingest", "--quiet", "--from", stories.toString()).exitCode()).isZero();
	}

	/**
	 * Ingests another harbour story (its body unlike the others', so that it is not taken
	 * for a copy), new to every reader: the next edition has something for each of them,
	 * whatever editions went before.
	 */
	static void story(Cli cli, Path folder, String headline, String body) throws Exception {
		Path stories = Files.createDirectories(folder.resolve("stories-" + headline.hashCode()));
		Files.writeString(stories.resolve("story.json"),
				"{\"headline\": \"" + headline + "\", \"url\": \"https://paper.example/" + Math.abs(headline.hashCode())
						+ "\", \"body\": \"" + body + "\"}\n");
		assertThat(cli.run("ingest", "--quiet", "--from", stories.toString()).exitCode()).isZero();
	}

	/**
	 * Posts a form of the page with the page's token and its CSRF token; fields given as
	 * name, value, name, value…
	 */
	static HttpResponse<String> post(Site.Client reader, String page, String action, String... fields)
			throws Exception {
		Map<String, Object> form = new LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			form.put(fields[i], fields[i + 1]);
		}
		form.put("token", Site.token(page));
		form.put("_csrf", reader.csrf(page));
		return reader.post(action, form);
	}

	/**
	 * The choices form as the harbour readers fill it in, with these changes.
	 */
	static String[] choices(String... changes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("topics", "Harbour");
		form.put("frequency", "DAILY");
		form.put("sendHour", "7");
		form.put("timeZone", "UTC");
		form.put("alerts", "true");
		for (int i = 0; i < changes.length; i += 2) {
			form.put(changes[i], changes[i + 1]);
		}
		return form.entrySet()
			.stream()
			.flatMap((field) -> java.util.stream.Stream.of(field.getKey(), field.getValue()))
			.toArray(String[]::new);
	}

	/**
	 * The link to this path in the mail's text part.
	 */
	static String link(MimeMessage mail, String path) throws Exception {
		Matcher matcher = LINK.matcher(TestMail.part(mail, "text/plain"));
		while (matcher.find()) {
			if (matcher.group(1).startsWith(path + "?")) {
				return matcher.group(1);
			}
		}
		throw new AssertionError("no " + path + " link in " + TestMail.part(mail, "text/plain"));
	}

}
