package news.dispatch.feedback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads a returned message: a delivery status notification (RFC 3464, multipart/report;
 * report-type=delivery-status), a complaint (ARF, RFC 5965, report-type=feedback-report),
 * the plain-text bounces of providers that send no structure ("550 5.1.1 user unknown"
 * and the original headers quoted), or an automatic reply. What is found is only read
 * here; {@link Feedback} ties it to a message.
 */
@Component
class ReportReader {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final int MAX_TEXT = 200_000;

	private static final Pattern ENHANCED_STATUS = Pattern
		.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.-])([45][0-5]\\d)(?:[ -])");

	private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[\\s>]*Message-ID:\\s*(<[^>\\s]+>)");

	private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

	private static final Pattern DAEMON = Pattern
		.compile("(?i)mailer-daemon|postmaster|mail delivery (subsystem|system)|microsoftexchange|mail-daemon");

	private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|delivery status notification"
			+ "|failure notice|returned mail|mail delivery (failed|failure)|delivery (has )?failed|non-?delivery"
			+ "|could not be delivered|delivery failure");

	private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile("(?i)out of (the )?office|automatic reply"
			+ "|auto(matic)?[- ]?reply|autoreply|abwesenheit|vacation|away from (the|my) office");

	/**
	 * @throws UnreadableReportException when the bytes are not a MIME message that can be
	 * walked
	 */
	Report read(byte[] bytes) {
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
			Found found = new Found();
			for (String name : new String[] { "To", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To" }) {
				addAll(found.returnPaths, message.getHeader(name));
			}
			walk(message, found, 0);
			return report(message, found);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			throw new UnreadableReportException("it cannot be read as a MIME message (" + rootMessage(ex) + ")", ex);
		}
	}

	private void walk(Part part, Found found, int depth) throws MessagingException, IOException {
		if (depth > 10) {
			return;
		}
		if (part.isMimeType("multipart/*")) {
			if (!(part.getContent() instanceof Multipart multipart)) {
				throw new MessagingException("a multipart whose parts cannot be read");
			}
			for (int i = 0; i < multipart.getCount(); i++) {
				walk(multipart.getBodyPart(i), found, depth + 1);
			}
		}
		else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
			found.deliveryStatus = true;
			deliveryStatus(part.getInputStream(), found);
		}
		else if (part.isMimeType("message/feedback-report")) {
			found.feedbackReport = true;
			feedbackReport(part.getInputStream(), found);
		}
		else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")
				|| part.isMimeType("message/global") || part.isMimeType("message/global-headers")) {
			returnedHeaders(new InternetHeaders(part.getInputStream()), found);
		}
		else if (part.isMimeType("text/*")
				&& !(part instanceof BodyPart && Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()))) {
			if (found.text.length() < MAX_TEXT) {
				String text = new String(part.getInputStream().readNBytes(MAX_TEXT), StandardCharsets.UTF_8);
				found.text.append(part.isMimeType("text/html") ? text.replaceAll("<[^>]*>", " ") : text).append('\n');
			}
		}
	}

	private static void deliveryStatus(InputStream in, Found found) throws MessagingException, IOException {
		String[] blocks = new String(in.readNBytes(MAX_TEXT), StandardCharsets.UTF_8).split("\\r?\\n[ \\t]*\\r?\\n");
		for (int i = 1; i < blocks.length; i++) {
			InternetHeaders fields = fields(blocks[i]);
			String action = value(fields, "Action");
			if (action == null) {
				continue;
			}
			String status = value(fields, "Status");
			String recipient = typed(value(fields, "Final-Recipient"));
			String original = typed(value(fields, "Original-Recipient"));
			boolean failed = action.toLowerCase(Locale.ROOT).startsWith("failed");
			// the first failed recipient counts; a delay or delivery notice only when
			// nothing failed
			if (found.action == null || (failed && !found.action.startsWith("failed"))) {
				found.action = action.toLowerCase(Locale.ROOT);
				found.status = status;
				found.recipient = (original != null) ? original : recipient;
				found.detail = typed(value(fields, "Diagnostic-Code"));
			}
		}
	}

	private static void feedbackReport(InputStream in, Found found) throws MessagingException, IOException {
		InternetHeaders fields = fields(new String(in.readNBytes(MAX_TEXT), StandardCharsets.UTF_8));
		found.feedbackType = value(fields, "Feedback-Type");
		addAll(found.returnPaths, fields.getHeader("Original-Mail-From"));
		String recipient = value(fields, "Original-Rcpt-To");
		found.recipient = (recipient != null) ? recipient.replaceAll("[<>]", "").strip()
				: value(fields, "Removal-Recipient");
	}

	private static void returnedHeaders(InternetHeaders headers, Found found) {
		addAll(found.returnPaths, headers.getHeader("Return-Path"));
		String[] ids = headers.getHeader("Message-ID");
		if (ids != null) {
			for (String id : ids) {
				found.messageIds.add(id.strip());
			}
		}
		addAll(found.otherAddresses, headers.getHeader("To"));
	}

	private Report report(MimeMessage message, Found found) throws MessagingException {
		String reportId = message.getHeader("Message-ID", null);
		Matcher quoted = QUOTED_MESSAGE_ID.matcher(found.text);
		while (quoted.find()) {
			found.messageIds.add(quoted.group(1));
		}
		// an automatic reply names the message it answers
		for (String name : new String[] { "In-Reply-To", "References" }) {
			for (String value : headers(message, name)) {
				Matcher id = Pattern.compile("<[^>\\s]+>").matcher(value);
				while (id.find()) {
					found.messageIds.add(id.group());
				}
			}
		}
		List<String> ids = List.copyOf(found.messageIds);
		List<String> paths = List.copyOf(found.returnPaths);
		if (found.feedbackReport) {
			String type = (found.feedbackType != null) ? found.feedbackType.strip().toLowerCase(Locale.ROOT) : "abuse";
			ReportKind kind = type.startsWith("not-spam") ? ReportKind.NOTICE : ReportKind.COMPLAINT;
			return new Report(kind, type, "reported as " + type, found.recipient, paths, ids, List.of(), reportId);
		}
		if (found.deliveryStatus && found.action != null) {
			String status = enhanced(found.status, found.detail);
			ReportKind kind = found.action.startsWith("failed") ? bounce(status) : ReportKind.NOTICE;
			String detail = (found.detail != null) ? found.detail : found.action;
			return new Report(kind, status, oneLine(detail), found.recipient, paths, ids, List.of(), reportId);
		}
		String from = String.join(" ", headers(message, "From"));
		String subject = String.join(" ", headers(message, "Subject"));
		String text = found.text.toString();
		List<String> others = new ArrayList<>(found.otherAddresses);
		addresses(text).stream().filter((address) -> !others.contains(address)).forEach(others::add);
		if (DAEMON.matcher(from).find() || BOUNCE_SUBJECT.matcher(subject).find() || found.deliveryStatus) {
			String line = diagnosticLine(text);
			if (line != null) {
				String status = enhanced(null, line);
				return new Report(bounce(status), status, oneLine(line), null, paths, ids, others, reportId);
			}
		}
		if (isAutoReply(message, subject)) {
			return new Report(ReportKind.AUTO_REPLY, null, oneLine(subject), null, paths, ids, others, reportId);
		}
		return new Report(ReportKind.UNKNOWN, null, oneLine(subject), null, paths, ids, others, reportId);
	}

	private static boolean isAutoReply(MimeMessage message, String subject) throws MessagingException {
		String submitted = message.getHeader("Auto-Submitted", null);
		String precedence = message.getHeader("Precedence", null);
		return (submitted != null && !submitted.strip().equalsIgnoreCase("no"))
				|| message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null
				|| message.getHeader("X-Auto-Response-Suppress") != null
				|| (precedence != null && precedence.toLowerCase(Locale.ROOT).contains("auto_reply"))
				|| AUTO_REPLY_SUBJECT.matcher(subject).find();
	}

	/**
	 * The first line of a bounce's text with an enhanced status code, or else with an
	 * SMTP reply code.
	 */
	private static @Nullable String diagnosticLine(String text) {
		for (String line : text.split("\\r?\\n")) {
			if (ENHANCED_STATUS.matcher(line).find() && !line.stripLeading().startsWith(">")) {
				return line.strip();
			}
		}
		for (String line : text.split("\\r?\\n")) {
			if (SMTP_CODE.matcher(line.strip() + " ").lookingAt()
					|| line.matches("(?i).*(said|returned|response)\\W+[45]\\d\\d\\b.*")) {
				return line.strip();
			}
		}
		return null;
	}

	/**
	 * The enhanced status code given, or found in the diagnostic, or made from its SMTP
	 * code (550 → 5.0.0).
	 */
	private static @Nullable String enhanced(@Nullable String status, @Nullable String diagnostic) {
		if (status != null) {
			Matcher matcher = ENHANCED_STATUS.matcher(status);
			if (matcher.find()) {
				return matcher.group();
			}
		}
		if (diagnostic != null) {
			Matcher matcher = ENHANCED_STATUS.matcher(diagnostic);
			if (matcher.find()) {
				return matcher.group();
			}
			Matcher code = SMTP_CODE.matcher(diagnostic + " ");
			if (code.find()) {
				return code.group(1).charAt(0) + ".0.0";
			}
		}
		return null;
	}

	/**
	 * 5.x.x is hard, except a full mailbox (x.2.2), which may empty; 4.x.x is soft. A
	 * failure without any code is taken as hard: the server gave up on the address.
	 */
	private static ReportKind bounce(@Nullable String status) {
		if (status == null) {
			return ReportKind.HARD_BOUNCE;
		}
		if (status.startsWith("4") || status.endsWith(".2.2")) {
			return ReportKind.SOFT_BOUNCE;
		}
		if (status.startsWith("2")) {
			return ReportKind.NOTICE;
		}
		return ReportKind.HARD_BOUNCE;
	}

	private static InternetHeaders fields(String block) throws MessagingException {
		return new InternetHeaders(
				new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
	}

	private static @Nullable String value(InternetHeaders fields, String name) {
		String value = fields.getHeader(name, " ");
		return (value != null) ? value.replaceAll("\\s+", " ").strip() : null;
	}

	/**
	 * A typed field's value without its type: {@code rfc822; a@b} → {@code a@b}.
	 */
	private static @Nullable String typed(@Nullable String value) {
		if (value == null) {
			return null;
		}
		int semicolon = value.indexOf(';');
		return ((semicolon >= 0) ? value.substring(semicolon + 1) : value).replaceAll("[<>]", "").strip();
	}

	private static List<String> headers(MimeMessage message, String name) throws MessagingException {
		String[] values = message.getHeader(name);
		return (values != null) ? List.of(values) : List.of();
	}

	private static void addAll(Set<String> into, String @Nullable [] values) {
		if (values != null) {
			for (String value : values) {
				Matcher address = ADDRESS.matcher(value);
				while (address.find()) {
					into.add(address.group());
				}
			}
		}
	}

	private static List<String> addresses(String text) {
		Set<String> found = new LinkedHashSet<>();
		Matcher address = ADDRESS.matcher(text);
		while (address.find() && found.size() < 50) {
			found.add(address.group().toLowerCase(Locale.ROOT));
		}
		return new ArrayList<>(found);
	}

	private static String oneLine(String value) {
		String line = value.replaceAll("\\s+", " ").strip();
		return (line.length() > 500) ? line.substring(0, 500) + "…" : line;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * What the walk over the parts found.
	 */
	private static final class Found {

		final Set<String> returnPaths = new LinkedHashSet<>();

		final Set<String> messageIds = new LinkedHashSet<>();

		final Set<String> otherAddresses = new LinkedHashSet<>();

		final StringBuilder text = new StringBuilder();

		boolean deliveryStatus;

		boolean feedbackReport;

		@Nullable String action;

		@Nullable String status;

		@Nullable String recipient;

		@Nullable String detail;

		@Nullable String feedbackType;

	}

}
