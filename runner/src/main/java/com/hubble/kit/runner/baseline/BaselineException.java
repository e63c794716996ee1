package com.hubble.kit.runner.baseline;

/** The baseline file is unusable; the message names the file and the entry. */
public final class BaselineException extends Exception {
    public BaselineException(String message) {
        super(message);
    }
}
