package com.hubble.kit.runner.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.hubble.kit.runner.report.ReportFixtures;

/**
 * report.html renders in headless Chromium: the screenshot exists and is not blank. Skipped (an assumption)
 * where /usr/bin/chromium is not installed; CI installs it.
 */
class HtmlReportScreenshotTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theHtmlReportRendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed at /usr/bin/chromium");
        ReportWriter.write(ReportFixtures.mixed(), dir);
        Path png = dir.resolve("report.png");
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1280,2000",
                dir.resolve("report.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        boolean finished = chromium.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            chromium.destroyForcibly();
        }
        assertTrue(finished, "chromium finished within 90 s");
        assertTrue(Files.size(png) > 0, "a screenshot was written");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());

        // Not blank: many distinct colours and real variance of luminance.
        Set<Integer> colours = new HashSet<>();
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb & 0xFFFFFF);
                double luminance = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += luminance;
                sumSquares += luminance * luminance;
                n++;
            }
        }
        double variance = sumSquares / n - (sum / n) * (sum / n);
        assertTrue(colours.size() > 20, "distinct colours: " + colours.size());
        assertTrue(variance > 100, "luminance variance: " + variance);
        // The verdict banner (red for FAIL) is near the top.
        boolean redBanner = false;
        for (int y = 0; y < 400 && !redBanner; y += 2) {
            int rgb = image.getRGB(640, y);
            redBanner = ((rgb >> 16) & 0xFF) > 180 && ((rgb >> 8) & 0xFF) < 80 && (rgb & 0xFF) < 80;
        }
        assertTrue(redBanner, "the red FAIL verdict banner is visible");
        Files.copy(png, Path.of("target", "report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
