package io.keyfleet.auth.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger("keyfleet.audit");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private ch.qos.logback.classic.Level level;

	@BeforeEach
	void attach() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(ch.qos.logback.classic.Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void detach() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

	@Test
	void adminActionWhenLoggedThenStructuredFieldsAndTextLine() {
		new AuditLog().adminAction("fleet-admin", "suspend", "dev-0001", "ok");

		ILoggingEvent event = this.appender.list.get(0);
		assertThat(event.getFormattedMessage()).isEqualTo("admin.suspend actor=fleet-admin target=dev-0001 outcome=ok");
		assertThat(event.getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
			.contains("event=admin.suspend", "actor=fleet-admin", "target=dev-0001", "outcome=ok");
	}

	@Test
	void refusedWhenValuesComeFromTheRequestThenTheyCannotForgeLogLines() {
		new AuditLog().refused("token", "dev-1\nadmin.register actor=root", "invalid_client", "127.0.0.1");

		String line = this.appender.list.get(0).getFormattedMessage();
		assertThat(line).doesNotContain("\n").contains("client=dev-1_admin.register_actor_root");
	}

}
