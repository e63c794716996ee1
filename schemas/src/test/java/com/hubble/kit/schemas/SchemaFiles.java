package com.hubble.kit.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the schema files and their examples in the module folder, as a partner sees them in the repository. */
final class SchemaFiles {

    static final String SUFFIX = ".schema.json";

    private SchemaFiles() {
    }

    /** The schemas module folder: surefire sets {@code basedir}; an IDE runs tests there anyway. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** Every {@code *.schema.json} at the module root, sorted, so a schema added later is covered automatically. */
    static List<Path> schemaFiles() {
        try (Stream<Path> files = Files.list(moduleDir())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *" + SUFFIX + " in " + moduleDir());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String schemaName(Path schemaFile) {
        String file = schemaFile.getFileName().toString();
        return file.substring(0, file.length() - SUFFIX.length());
    }

    /** {@code examples/<schema>/<kind>/*.json}, sorted; empty when the folder is missing. */
    static List<Path> examples(String schemaName, String kind) {
        Path dir = moduleDir().resolve("examples").resolve(schemaName).resolve(kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return moduleDir().relativize(file).toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
