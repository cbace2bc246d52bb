package news.dispatch.system;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every feature shares.
 *
 * @param dataDir where the H2 database, the inbox and the outbox live (absolute)
 * @param zone the newsroom's time zone: "today" for an edition is today here
 * @param templatesDir the FreeMarker templates, read from disk so they can change without
 * a rebuild; the copy inside the jar serves when this folder does not exist
 * @param site the name and public address of the newsroom's Dispatch
 */
@ConfigurationProperties("dispatch")
public record DispatchSettings(@DefaultValue("./data") Path dataDir, @DefaultValue("UTC") ZoneId zone,
		@DefaultValue("./templates") Path templatesDir, @DefaultValue Site site) {

	/**
	 * The newsroom's Dispatch as readers see it.
	 *
	 * @param name shown in every message's header and sender name
	 * @param url the public https address of the subscriber pages; unsubscribe and
	 * preference links are built on it
	 */
	public record Site(@DefaultValue("Dispatch") String name,
			@DefaultValue("https://dispatch.example.com") String url) {
	}

	public Path outboxDir() {
		return this.dataDir.resolve("outbox");
	}

	public Path inboxDir() {
		return this.dataDir.resolve("inbox");
	}

}
