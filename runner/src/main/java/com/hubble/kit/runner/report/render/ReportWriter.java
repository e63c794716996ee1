package com.hubble.kit.runner.report.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;

/** Writes report.json, junit.xml, report.html and report.md into one directory with one call. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Returns the files written. */
    public static List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("report.html");
        Path markdown = dir.resolve("report.md");
        // Partner text is cleaned when it comes in and when it is redacted; cleaning again here means no text
        // (an unpaired surrogate from anywhere) can make the encoder fail and leave the directory empty.
        Files.writeString(json, Redactor.clean(JsonReport.render(report)), StandardCharsets.UTF_8);
        Files.writeString(junit, Redactor.clean(JunitReport.render(report)), StandardCharsets.UTF_8);
        Files.writeString(html, Redactor.clean(HtmlReport.render(report)), StandardCharsets.UTF_8);
        Files.writeString(markdown, Redactor.clean(MarkdownReport.render(report)), StandardCharsets.UTF_8);
        return List.of(json, junit, html, markdown);
    }
}
