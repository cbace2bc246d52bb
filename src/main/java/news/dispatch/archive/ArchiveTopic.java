package news.dispatch.archive;

/**
 * A topic as the archive shows it: its name and the slug of its address
 * ({@code /archive/topics/north-korea}). Public, because FreeMarker reads only public
 * types.
 */
public record ArchiveTopic(long id, String name, String slug) {

	public String path() {
		return "/archive/topics/" + this.slug;
	}

}
