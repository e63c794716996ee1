package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process through mainWithoutExit and captures both streams. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exit, out.toString(), err.toString());
    }

    String both() {
        return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
