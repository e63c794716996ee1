package com.hubble.kit.runner.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a file or directory the user named cannot be used, in the words a user acts on ("does not exist", "is a
 * directory", "is not writable"), never a JDK exception class name. Every command's file options word their errors here.
 */
public final class PathWords {
    private PathWords() {
    }

    /** Why reading {@code file} failed (or would fail): "does not exist", "is a directory", "is not readable". */
    public static String whyUnreadable(Path file, IOException cause) {
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        if (!Files.exists(file)) {
            return "does not exist";
        }
        if (!Files.isReadable(file)) {
            return "is not readable";
        }
        return "cannot be read (" + reason(cause) + ")";
    }

    /** Why writing {@code file} failed: "is a directory", "cannot be created: DIR does not exist", "is not writable". */
    public static String whyUnwritable(Path file, IOException cause) {
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            return "cannot be created: its directory " + parent + " does not exist";
        }
        if (parent != null && !Files.isDirectory(parent)) {
            return "cannot be created: " + parent + " is a file";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "is not writable";
        }
        if (parent != null && !writable(parent)) {
            return "cannot be created: " + parent + " is not writable";
        }
        return "cannot be written (" + reason(cause) + ")";
    }

    /**
     * Makes {@code dir} ready for files (creating it and its missing parents), or says why it cannot be: "is a file",
     * "cannot be created: PARENT is a file", "cannot be created: PARENT is not writable", "is not writable". Writing is
     * tried, not guessed from permissions, so it holds for root too.
     */
    public static Optional<String> prepareDirectory(Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                return Optional.of("is a file");
            }
            return writable(dir) ? Optional.empty() : Optional.of("is not writable");
        }
        Path existing = dir.toAbsolutePath().normalize().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return Optional.of("cannot be created: " + existing + " is a file");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            if (existing != null && !writable(existing)) {
                return Optional.of("cannot be created: " + existing + " is not writable");
            }
            return Optional.of("cannot be created (" + reason(e) + ")");
        }
        return writable(dir) ? Optional.empty() : Optional.of("is not writable");
    }

    /** Whether a file can be created in {@code dir}: tried with an empty file, removed at once. */
    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".hubble-kit-", ".probe"));
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The operating system's reason ("Permission denied"), without the path or the class name. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return "an I/O error";
    }
}
