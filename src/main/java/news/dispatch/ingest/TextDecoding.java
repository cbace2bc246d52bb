package news.dispatch.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns a downloaded document's bytes into text, trusting what the bytes are over what
 * the server or the document says they are: a byte order mark first; then valid UTF-8 is
 * read as UTF-8 whatever the label; then the declared charset (HTTP header, XML
 * declaration, HTML meta tag); and text that claims UTF-8 but is not is read as
 * Windows-1252, the usual culprit: all of it, or only its stray bytes when the rest is
 * UTF-8. When the label was wrong, {@link Decoded#note()} says so for the report.
 */
final class TextDecoding {

	private static final Pattern XML_ENCODING = Pattern.compile("<\\?xml[^>]*encoding\\s*=\\s*[\"']([\\w.:-]+)[\"']");

	private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)",
			Pattern.CASE_INSENSITIVE);

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private TextDecoding() {
	}

	/**
	 * @param text the document
	 * @param note why the text was not read as labelled, or null when it was
	 */
	record Decoded(String text, @Nullable String note) {
	}

	static Decoded decode(byte[] bytes, @Nullable String contentType) {
		if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
			return new Decoded(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), null);
		}
		if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0x00, 0x3C)) {
			return new Decoded(new String(bytes, StandardCharsets.UTF_16BE).replaceFirst("^\uFEFF", ""), null);
		}
		if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0x3C, 0x00)) {
			return new Decoded(new String(bytes, StandardCharsets.UTF_16LE).replaceFirst("^\uFEFF", ""), null);
		}
		String declared = declared(bytes, contentType);
		String utf8 = strictUtf8(bytes);
		if (utf8 != null) {
			boolean ascii = isAscii(bytes);
			String note = (declared != null && !ascii && !isUtf8(declared) && supported(declared) != null)
					? "says it is " + declared + " but is UTF-8; read as UTF-8" : null;
			return new Decoded(utf8, note);
		}
		Charset charset = (declared != null) ? supported(declared) : null;
		if (charset != null && !isUtf8(declared)) {
			return new Decoded(new String(bytes, charset), null);
		}
		Decoded mixed = mixed(bytes, declared);
		if (mixed != null) {
			return mixed;
		}
		return new Decoded(new String(bytes, WINDOWS_1252),
				((declared != null) ? "says it is " + declared : "names no charset")
						+ " but is not valid UTF-8; read as Windows-1252");
	}

	/**
	 * UTF-8 with some stray bytes of another charset, as a feed assembled from several
	 * systems often is: its UTF-8 read as UTF-8, each stray byte as Windows-1252. Null
	 * when the text has no UTF-8 sequence at all (then it is all Windows-1252).
	 */
	private static @Nullable Decoded mixed(byte[] bytes, @Nullable String declared) {
		StringBuilder text = new StringBuilder(bytes.length);
		int valid = 0;
		int stray = 0;
		int i = 0;
		while (i < bytes.length) {
			int b = bytes[i] & 0xFF;
			int length = (b < 0x80) ? 1
					: (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
			String sequence = (length > 1 && i + length <= bytes.length)
					? strictUtf8(Arrays.copyOfRange(bytes, i, i + length)) : null;
			if (length == 1) {
				text.append((char) b);
				i++;
			}
			else if (sequence != null) {
				text.append(sequence);
				valid++;
				i += length;
			}
			else {
				text.append(new String(bytes, i, 1, WINDOWS_1252));
				stray++;
				i++;
			}
		}
		if (valid == 0) {
			return null;
		}
		return new Decoded(text.toString(),
				((declared != null) ? "says it is " + declared : "names no charset") + " but has " + stray
						+ ((stray == 1) ? " byte that is" : " bytes that are")
						+ " not UTF-8; read as UTF-8, with those bytes as Windows-1252");
	}

	private static @Nullable String declared(byte[] bytes, @Nullable String contentType) {
		if (contentType != null) {
			Matcher header = Pattern.compile("charset\\s*=\\s*\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE)
				.matcher(contentType);
			if (header.find()) {
				return header.group(1);
			}
		}
		String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
		Matcher xml = XML_ENCODING.matcher(head);
		if (xml.find()) {
			return xml.group(1);
		}
		Matcher meta = META_CHARSET.matcher(head);
		return meta.find() ? meta.group(1) : null;
	}

	static @Nullable String strictUtf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static @Nullable Charset supported(String name) {
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isUtf8(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("utf-8") || lower.equals("utf8");
	}

	private static boolean isAscii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	static boolean isBinary(byte[] bytes) {
		int limit = Math.min(bytes.length, 8192);
		boolean utf16 = startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0x00, 0x3C)
				|| startsWith(bytes, 0x3C, 0x00);
		if (utf16) {
			return false;
		}
		for (int i = 0; i < limit; i++) {
			if (bytes[i] == 0) {
				return true;
			}
		}
		return false;
	}

}
