package com.hubble.kit.runner.cli;

import java.time.Duration;

import com.hubble.kit.runner.config.Durations;

import picocli.CommandLine;

/** Parses 500ms, 5s, 2m; a bad value is a usage error that names the accepted forms. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
