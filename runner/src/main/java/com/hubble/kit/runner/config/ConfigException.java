package com.hubble.kit.runner.config;

/** The config file or a HUBBLE_KIT_* variable is unusable; the message names the key, never a value. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
