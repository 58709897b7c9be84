package org.qise.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qise push RESULT.json --portal URL --token TOKEN}: hands a result written by
 * {@code qise run --json} to a QISE portal, which links it to the circuit, reproduces it on the
 * server and says whether it reproduces.
 */
@Command(name = "push", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = {"Push a result (the output of 'qise run --json') to a QISE portal, which reproduces it.",
                "Exit code 0 when the portal confirms the result, 3 when it does not reproduce."})
final class PushCommand implements Callable<Integer> {
    @ParentCommand
    QiseMain main;

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "Output of 'qise run --json', or - for standard input.")
    String file;

    @Option(names = "--portal", paramLabel = "URL", description = "The portal's address, e.g. https://qise.example.org.")
    String portal;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: the QISE_TOKEN environment variable).")
    String token;

    @Override
    public Integer call() {
        String text = read();
        String name = file.equals("-") ? "<stdin>" : file;
        PortalPush.parseResult(text, name);
        return PortalPush.send(text, portal, token != null ? token : main.env("QISE_TOKEN"), main.out());
    }

    private String read() {
        try {
            if (file.equals("-")) return new String(main.in().readAllBytes(), StandardCharsets.UTF_8);
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read '" + file + "': no such file");
        } catch (IOException | java.nio.file.InvalidPathException | java.io.UncheckedIOException e) {
            throw new UserError("cannot read '" + file + "': " + e.getMessage());
        }
    }
}
