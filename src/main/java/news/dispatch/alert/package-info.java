/**
 * Breaking-news alerts: who gets an alert for a flagged article (topics and keywords,
 * alerts on, within their daily cap, outside their quiet hours), the alert job that plans
 * and sends it ahead of any digest, and the message it carries.
 */
@NullMarked
package news.dispatch.alert;

import org.jspecify.annotations.NullMarked;
