package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

import com.hubble.kit.runner.report.Redactor;

/**
 * The kit's stdout or stderr: every line it prints goes through the run's {@link Redactor} (which knows the secret
 * and each token once a command has read them) and has its control and format characters escaped as
 * \\uXXXX, so neither a secret nor a partner's terminal escape sequence (title change, erase line, BEL, NUL)
 * reaches a terminal or a CI log raw. The kit's own terminal codes go through {@link #control}.
 */
public final class KitOutput extends PrintWriter {
    private final LineFilter filter;

    private KitOutput(LineFilter filter) {
        super(filter, true);
        this.filter = filter;
    }

    /** Wraps a stream; stdout and stderr of one run share one redactor. */
    public static KitOutput wrap(Writer target, Redactor redactor) {
        return target instanceof KitOutput kit && kit.redactor() == redactor ? kit : new KitOutput(new LineFilter(target, redactor));
    }

    public Redactor redactor() {
        return filter.redactor;
    }

    /** The run's redactor when the stream is the kit's, else a fresh one (a test handing in a plain writer). */
    public static Redactor redactorOf(PrintWriter stream) {
        return stream instanceof KitOutput kit ? kit.redactor() : new Redactor();
    }

    /** Writes one of the kit's own terminal control sequences ("\r\033[K") as is, after what was printed so far. */
    public static void control(PrintWriter stream, String sequence) {
        if (stream instanceof KitOutput kit) {
            kit.flush();
            kit.filter.raw(sequence);
        } else {
            stream.print(sequence);
        }
    }

    /**
     * A line as it may reach a terminal: C0 and C1 control characters (but tab), DEL, Unicode format characters
     * (bidirectional overrides, zero-width) and line or paragraph separators become \\uXXXX.
     */
    public static String escape(String line) {
        StringBuilder out = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = c != '\t' && (type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE && !pairedAt(line, i));
            if (unsafe && out == null) {
                out = new StringBuilder(line.length() + 16).append(line, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? line : out.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Collects text up to each line end, then redacts and escapes the whole line before it goes out. */
    private static final class LineFilter extends Writer {
        private final Writer target;
        private final Redactor redactor;
        private final StringBuilder line = new StringBuilder();

        LineFilter(Writer target, Redactor redactor) {
            this.target = target;
            this.redactor = redactor;
        }

        @Override
        public synchronized void write(char[] buffer, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    emit();
                    target.write('\n');
                } else {
                    line.append(c);
                }
            }
        }

        private void emit() throws IOException {
            if (!line.isEmpty()) {
                String text = line.toString();
                line.setLength(0);
                // A line ending "\r\n" keeps its "\r": it is the line end, not an overwrite.
                boolean crlf = text.endsWith("\r");
                String body = crlf ? text.substring(0, text.length() - 1) : text;
                target.write(escape(redactor.redact(body)));
                if (crlf) {
                    target.write('\r');
                }
            }
        }

        synchronized void raw(String sequence) {
            try {
                emit();
                target.write(sequence);
                target.flush();
            } catch (IOException e) {
                // like PrintWriter: an output error is not the run's failure
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            emit();
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            flush();
        }
    }
}
