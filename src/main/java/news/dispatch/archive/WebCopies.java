package news.dispatch.archive;

import java.util.List;
import java.util.Optional;

import news.dispatch.delivery.ComposedMessage;
import news.dispatch.delivery.Composer;
import news.dispatch.delivery.Delivery;
import news.dispatch.delivery.LedgerEntries;
import news.dispatch.delivery.LedgerEntry;
import news.dispatch.subscriber.LinkCheck;
import news.dispatch.subscriber.SubscriberLinks;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "View in browser": {@code /archive/copies/{id}?token=…}, the web copy of one message of
 * the ledger, composed again by its own composer from what the ledger recorded for it
 * (the same stories, the same reader), so it shows that reader's own edition and nobody
 * else's. The token is signed for that reader and that message
 * ({@link SubscriberLinks#webCopy}); any other token, or another message's id, gives the
 * styled 404, which says no more than that there is no such copy. The copy is the mail's
 * HTML, whose styles are inline (so its Content-Security-Policy allows inline styles and
 * still no script), never cached by a proxy, and never shown to search engines.
 */
@Controller
class WebCopies {

	private final LedgerEntries entries;

	private final SubscriberLinks links;

	private final List<Composer> composers;

	WebCopies(LedgerEntries entries, SubscriberLinks links, List<Composer> composers) {
		this.entries = entries;
		this.links = links;
		this.composers = composers;
	}

	@GetMapping("/archive/copies/{id}")
	ResponseEntity<String> copy(@PathVariable String id, @RequestParam(required = false) @Nullable String token) {
		if (!id.matches("[0-9]{1,18}") || token == null) {
			throw missing();
		}
		long deliveryId = Long.parseLong(id);
		LinkCheck check = this.links.check(token, SubscriberLinks.WEB_COPY + deliveryId);
		if (!check.valid()) {
			throw missing();
		}
		LedgerEntry entry = this.entries.entry(deliveryId)
			.filter((found) -> found.subscriberId() == check.subscriberId())
			.orElseThrow(WebCopies::missing);
		Composer composer = this.composers.stream()
			.filter((candidate) -> candidate.kind() == entry.key().kind())
			.findFirst()
			.orElseThrow(WebCopies::missing);
		Optional<ComposedMessage> message = composer
			.compose(new Delivery(entry.id(), entry.key(), entry.subscriberId(), entry.messageId(), 0));
		if (message.isEmpty()) {
			throw ArchiveProblem.notFound("This copy is gone",
					"The copy of this message is no longer kept, because its reader has left the list. The topics'"
							+ " stories are still in the archive at /archive.");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.header("X-Robots-Tag", "noindex")
			.body(message.get().html());
	}

	private static ArchiveProblem missing() {
		return ArchiveProblem.notFound("No such copy",
				"There is no copy of a message at this address. Use the \"View in browser\" link of the email itself,"
						+ " whole; the topics' stories are all in the archive at /archive.");
	}

}
