/**
 * Outgoing mail, only when an SMTP server is configured ({@link org.qise.portal.mail.MailSettings}).
 * Without one the portal sends nothing: {@link org.qise.portal.mail.Outbox#none()} is disabled and
 * the features that need mail say so.
 */
package org.qise.portal.mail;
