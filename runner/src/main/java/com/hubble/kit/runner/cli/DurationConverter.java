package com.hubble.kit.runner.cli;

import java.time.Duration;

import com.hubble.kit.runner.config.Durations;

import picocli.CommandLine;

/**
 * Parses 500ms, 5s, 2m up to {@link Durations#MAX} (24 h); a bad or longer value is a usage error that names the
 * accepted forms or the limit (the root command's parameter handler puts the option's name in front).
 */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    /** The longest --load-duration: an hour of load is a soak test, more is a mistake that keeps a partner busy. */
    static final Duration MAX_LOAD = Duration.ofHours(1);

    /** The longest value this option takes. */
    Duration max() {
        return Durations.MAX;
    }

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value, max());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** At most an hour: --load-duration. */
    public static final class UpToAnHour extends DurationConverter {
        @Override
        Duration max() {
            return MAX_LOAD;
        }
    }
}
