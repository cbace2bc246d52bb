/**
 * The public archive served by {@code dispatch serve}: topic pages, editions, Atom and
 * JSON feeds per topic, search in the topic language, and each message's own web copy
 * ("view in browser"). Read-only and public: no session, no subscriber data, except a
 * reader's own message behind its signed link.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "article", "topic", "delivery", "subscriber", "system" })
package news.dispatch.archive;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
