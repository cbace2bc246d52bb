package news.dispatch.article;

import java.nio.file.Path;

/**
 * A file found in a source folder.
 */
record SourceFile(String source, Path path) {
}
