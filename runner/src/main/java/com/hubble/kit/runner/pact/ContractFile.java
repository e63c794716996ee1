package com.hubble.kit.runner.pact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.UnknownPactSource;
import au.com.dius.pact.core.support.json.JsonParser;
import com.hubble.kit.runner.config.UsageError;

/** A pact file to verify: the bundled /sso contract by default, or the partner's own copy. */
public record ContractFile(String source, Pact pact) {
    /** Where the contracts jar puts the /sso contract. */
    public static final String BUNDLED = "contracts/hubble-platform-partner-sso.json";

    /** Loads {@code file}, or the bundled contract when empty; a missing or malformed file is a usage error. */
    public static ContractFile load(Optional<Path> file) throws UsageError {
        if (file.isPresent()) {
            Path path = file.get();
            try {
                return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : java.nio.file.Files.isDirectory(path) ? "it is a directory" : "unreadable";
                throw new UsageError("cannot read pact file " + path + ": " + why
                        + "; pass --pact with the path of a Pact JSON file, or omit it for the bundled contract");
            }
        }
        try (InputStream in = ContractFile.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new UsageError("the bundled pact " + BUNDLED + " is not on the classpath; pass --pact FILE");
            }
            return parse("classpath:" + BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageError("cannot read the bundled pact " + BUNDLED);
        }
    }

    static ContractFile parse(String source, String json) throws UsageError {
        try {
            Pact pact = DefaultPactReader.INSTANCE.pactFromJson(JsonParser.parseString(json).asObject(),
                    UnknownPactSource.INSTANCE);
            return new ContractFile(source, pact);
        } catch (RuntimeException e) {
            throw new UsageError("pact file " + source + " is not a valid pact: " + e.getMessage());
        }
    }
}
