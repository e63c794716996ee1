package com.hubble.kit.runner.cli;

import picocli.CommandLine;

/**
 * Converters for the numeric options of client-check and sandbox: a bad value is a usage error that says what the
 * option wants ("'abc' is not a whole number of seconds"), not picocli's "'abc' is not a long". The root command's
 * parameter handler puts the option's name in front.
 */
final class WholeNumber {
    private WholeNumber() {
    }

    /** The longest token lifetime: ten years of seconds; a longer one is a typo, and the sandbox's clock would overflow. */
    static final long MAX_LIFETIME_SECS = 10L * 365 * 24 * 3600;
    /** The longest Retry-After: a day. */
    static final int MAX_RETRY_AFTER_SECS = 24 * 3600;
    /** The furthest call an injection can be placed at: no client run of the kit makes a million calls. */
    static final int MAX_CALL_NUMBER = 1_000_000;

    /** A token lifetime in seconds, at most ten years: --expires-in, --first-expires-in. */
    static final class Seconds implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, "a whole number of seconds", MAX_LIFETIME_SECS, "seconds (10 years)");
        }
    }

    /** A number of seconds held in an int, at most a day: --retry-after. */
    static final class IntSeconds implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, "a whole number of seconds", MAX_RETRY_AFTER_SECS, "seconds (24 h)");
        }
    }

    /** The Nth authenticated call; 0 turns the injection off: --inject-401-at and friends. */
    static final class CallNumber implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, "a call number (a whole number; 0 turns it off)", MAX_CALL_NUMBER, "calls");
        }
    }

    /** How many of something: mint --count. */
    static final class Count implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, "a whole number", Long.MAX_VALUE, "");
        }
    }

    /** A TCP port, 0 for a free one. */
    static final class Port implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long port = parse(value, "a port number (0 to 65535; 0 picks a free one)", Integer.MAX_VALUE, "");
            if (port > 65535) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a port number (0 to 65535)");
            }
            return (int) port;
        }
    }

    /** {@code limit} words the unit of {@code max} for the message ("seconds (10 years)"); empty: the type's own limit. */
    private static long parse(String value, String what, long max, String limit) {
        String text = value.strip();
        if (!text.matches("-?[0-9]+")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + what);
        }
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            number = Long.MAX_VALUE; // more digits than a long holds: past any limit
        }
        if (number > max) {
            throw new CommandLine.TypeConversionException(limit.isEmpty() ? "'" + value + "' is too large for " + what
                    : "'" + value + "' is more than the limit of " + max + " " + limit);
        }
        return number;
    }
}
