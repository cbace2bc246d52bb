package news.dispatch.web;

import java.net.http.HttpResponse;

import news.dispatch.Site;
import news.dispatch.subscriber.Subscriber;

/**
 * A reader of the harbour newsroom ({@link ReaderPages#newsroom}) with their own page, as
 * their mail links to it, open in a browser of their own.
 *
 * @param reader the reader as stored when the page was opened
 * @param browser their browser, with its cookies
 * @param page the page's path and query
 */
record OnPage(Subscriber reader, Site.Client browser, String page) {

	/**
	 * The page of the reader {@code name}@example.com in a new browser.
	 */
	static OnPage open(Site site, String name) {
		Subscriber reader = site.reader(name + "@example.com");
		return new OnPage(reader, site.browser(), site.preferencesPage(reader.id()));
	}

	long id() {
		return this.reader.id();
	}

	/**
	 * The page's token, which its forms send back.
	 */
	String token() {
		return Site.token(this.page);
	}

	/**
	 * The page as the browser gets it now.
	 */
	HttpResponse<String> view() throws Exception {
		return this.browser.get(this.page);
	}

	/**
	 * Posts a form of the page with the page's token and its CSRF token; fields given as
	 * name, value, name, value…
	 */
	HttpResponse<String> post(String action, String... fields) throws Exception {
		return ReaderPages.post(this.browser, this.page, action, fields);
	}

}
