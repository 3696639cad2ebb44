package io.shimhost.console.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.LoggerFactory;

/**
 * Keeps logback's console appenders on the process's own stdout and stderr. Gogo replaces
 * {@code System.out} and {@code System.err} with streams that follow the thread, and logback's
 * console appender writes to whatever {@code System.err} is: a line logged while a command runs
 * would go to that command's session (a control client) instead of the daemon's log, the journal.
 * Applied again after each reconfiguration (logback.xml is rescanned).
 */
@Component(immediate = true)
public final class LogStreams implements ConfigurationEventListener {

    private final LoggerContext logback;

    @Activate
    public LogStreams() {
        this.logback = LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? context : null;
        if (logback != null) {
            logback.addConfigurationEventListener(this);
            pin();
        }
    }

    @Deactivate
    void deactivate() {
        if (logback != null) {
            logback.removeConfigurationEventListener(this);
        }
    }

    @Override
    public void listen(ConfigurationEvent event) {
        if (event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY
                || event.getEventType() == ConfigurationEvent.EventType.PARTIAL_CONFIGURATION_ENDED_SUCCESSFULLY) {
            pin();
        }
    }

    private void pin() {
        for (Logger logger : logback.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
                if (it.next() instanceof ConsoleAppender<ILoggingEvent> console && console.isStarted()) {
                    console.setOutputStream(descriptor("System.err".equals(console.getTarget())
                            ? FileDescriptor.err : FileDescriptor.out));
                }
            }
        }
    }

    /** The appender closes its stream when it stops: the descriptor itself stays open. */
    private static OutputStream descriptor(FileDescriptor fd) {
        return new FilterOutputStream(new FileOutputStream(fd)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
