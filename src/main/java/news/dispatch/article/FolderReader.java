package news.dispatch.article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Lists the files of the source folders in name order (hidden files and sub-folders'
 * hidden files left out). A rerun reads every file again; the store's content hash keeps
 * each story once, so no reader state is needed for restart.
 */
class FolderReader implements ItemReader<SourceFile> {

	private final List<Path> folders;

	private @Nullable Iterator<SourceFile> files;

	FolderReader(List<Path> folders) {
		this.folders = folders;
	}

	@Override
	public @Nullable SourceFile read() {
		if (this.files == null) {
			this.files = list().iterator();
		}
		return this.files.hasNext() ? this.files.next() : null;
	}

	private List<SourceFile> list() {
		List<SourceFile> found = new ArrayList<>();
		for (Path folder : this.folders) {
			String source = folder.toString();
			try (Stream<Path> walk = Files.walk(folder)) {
				walk.filter(Files::isRegularFile)
					.filter((path) -> !isHidden(folder.relativize(path)))
					.sorted(Comparator.comparing(Path::toString))
					.forEach((path) -> found.add(new SourceFile(source, path)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot list the folder " + folder, ex);
			}
		}
		return found;
	}

	private static boolean isHidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

}
