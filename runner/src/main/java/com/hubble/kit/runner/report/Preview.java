package com.hubble.kit.runner.report;

/** A body shortened for a message or a report, with a note of what was cut. */
public final class Preview {
    private Preview() {
    }

    /** At most {@code max} characters of a body, with a note of what was cut. */
    public static String of(String body, int max) {
        if (body == null) {
            return "";
        }
        return body.length() <= max ? body : body.substring(0, max) + "… (" + (body.length() - max) + " more characters)";
    }
}
