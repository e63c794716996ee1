package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * While open, the log records JUL would print on the console (Helidon's, an in-process sandbox's) go to the kit's
 * stderr instead, one line each, so they pass the run's redactor and control-character escaping like every other
 * line: a record may quote what a client sent. Handlers the user configured other than the console stay.
 */
final class LogsToStderr implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<Handler> consoles = new ArrayList<>();
    private final Handler handler;

    LogsToStderr(PrintWriter err) {
        SimpleFormatter formatter = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                if (!isLoggable(logRecord)) {
                    return;
                }
                Throwable thrown = logRecord.getThrown();
                synchronized (err) {
                    err.println("hubble-kit: log: " + logRecord.getLevel() + " " + logRecord.getLoggerName() + ": "
                            + formatter.formatMessage(logRecord) + (thrown == null ? "" : " (" + thrown + ")"));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        Level level = Level.INFO;
        for (Handler existing : root.getHandlers()) {
            if (existing instanceof ConsoleHandler) {
                consoles.add(existing);
                level = existing.getLevel();
                root.removeHandler(existing);
            }
        }
        handler.setLevel(level);
        root.addHandler(handler);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        consoles.forEach(root::addHandler);
    }
}
