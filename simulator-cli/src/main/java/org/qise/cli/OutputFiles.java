package org.qise.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes files the user asked for, turning I/O problems into {@link UserError}s. */
final class OutputFiles {
    private OutputFiles() {}

    static void write(String file, String content) {
        try {
            Files.writeString(Path.of(file), content, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot write '" + file + "': its directory does not exist");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot write '" + file + "': permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UserError("cannot write '" + file + "': " + e.getMessage());
        }
    }
}
