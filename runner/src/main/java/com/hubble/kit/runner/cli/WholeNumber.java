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

    /** A number of seconds: --expires-in, --retry-after. */
    static final class Seconds implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, "a whole number of seconds", Long.MAX_VALUE);
        }
    }

    /** A number of seconds held in an int: --retry-after. */
    static final class IntSeconds implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, "a whole number of seconds", Integer.MAX_VALUE);
        }
    }

    /** The Nth authenticated call; 0 turns the injection off: --inject-401-at and friends. */
    static final class CallNumber implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, "a call number (a whole number; 0 turns it off)", Integer.MAX_VALUE);
        }
    }

    /** How many of something: mint --count. */
    static final class Count implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, "a whole number", Long.MAX_VALUE);
        }
    }

    /** A TCP port, 0 for a free one. */
    static final class Port implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long port = parse(value, "a port number (0 to 65535; 0 picks a free one)", Integer.MAX_VALUE);
            if (port > 65535) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a port number (0 to 65535)");
            }
            return (int) port;
        }
    }

    private static long parse(String value, String what, long max) {
        String text = value.strip();
        if (!text.matches("-?[0-9]+")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + what);
        }
        try {
            long number = Long.parseLong(text);
            if (number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large for " + what);
        }
    }
}
