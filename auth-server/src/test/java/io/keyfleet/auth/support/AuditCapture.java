package io.keyfleet.auth.support;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The audit lines written while it is open (the test server logs the audit at WARN, so
 * this lowers the level to INFO for the time being), as their text form.
 */
public final class AuditCapture implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("keyfleet.audit");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level level;

	private AuditCapture() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	public static AuditCapture start() {
		return new AuditCapture();
	}

	/** The lines that mention {@code text} (a device id, say). */
	public List<String> lines(String text) {
		synchronized (this.appender.list) {
			return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.contains(text)).toList();
		}
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

}
