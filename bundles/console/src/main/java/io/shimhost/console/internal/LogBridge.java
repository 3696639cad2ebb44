package io.shimhost.console.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Hands what the framework and its bundles (SCR, FileInstall, Configuration Admin) log to the OSGi
 * Log Service on to logback, so that the operator's logback file decides what is shown: one line
 * per entry, with the innermost cause's message; the stack trace only at DEBUG; bundle and service
 * events (INFO in the Log Service) at DEBUG. Loggers are named {@code osgi.BUNDLE}. Entries logged
 * before this component came up are in the Log Service's history and are handed on first.
 */
@Component(immediate = true)
public final class LogBridge implements LogListener {

    /** SCR names the component as {@code bundle B:V (ID)[CLASS(N)] : }; the class says it all. */
    private static final Pattern SCR_PREFIX = Pattern.compile("^bundle \\S+ \\(\\d+\\)\\[([\\w.$]+)\\(\\d+\\)\\] : ");

    private final LogReaderService reader;

    @Activate
    public LogBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        List<LogEntry> history = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(history); // newest first in the history
        reader.addLogListener(this);
        history.forEach(this::logged);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        Logger logger = LoggerFactory.getLogger(loggerName(entry));
        boolean frameworkEvent = entry.getLoggerName() != null && entry.getLoggerName().startsWith("Events.");
        LoggingEventBuilder event = switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.atError();
            case WARN -> logger.atWarn();
            case INFO -> frameworkEvent ? logger.atDebug() : logger.atInfo(); // each bundle and service event
            default -> logger.atDebug();
        };
        Throwable cause = entry.getException();
        String message = SCR_PREFIX.matcher(String.valueOf(entry.getMessage())).replaceFirst("$1: ");
        event.log(cause == null ? message : message + ": " + OneLine.of(cause));
        if (cause != null && logger.isDebugEnabled()) {
            logger.atDebug().setCause(cause).log(entry.getMessage());
        }
    }

    /**
     * {@code osgi.} and the bundle's symbolic name (or the Log Service logger's name when the entry
     * has no bundle): apart from shimhost's own loggers, so that their levels are set apart.
     */
    private static String loggerName(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String name = bundle == null || bundle.getSymbolicName() == null ? entry.getLoggerName()
                : bundle.getSymbolicName();
        return name == null ? "osgi" : "osgi." + name;
    }
}
