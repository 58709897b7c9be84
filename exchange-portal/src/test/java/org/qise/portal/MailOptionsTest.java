package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The portal's mail options on its command line: their variables, help, and refusals before anything starts. */
class MailOptionsTest {
    @Test
    void eachOptionFallsBackToItsVariableAndIsNullWithoutIt() {
        PortalMain main = new PortalMain();
        new CommandLine(main).parseArgs("--smtp-host", "smtp.example.org");
        assertEquals("smtp.example.org", main.smtpHost);
        assertEquals(System.getenv("QISE_SMTP_FROM"), main.smtpFrom, "unset variable: no value, not the text of the expression");
        assertEquals(System.getenv("QISE_SMTP_PORT"), main.smtpPort);
        assertEquals(System.getenv("QISE_PUBLIC_URL"), main.publicUrl);
    }

    @Test
    void helpListsTheMailOptionsAndThePasswordVariable() {
        StringWriter out = new StringWriter();
        var cmd = PortalMain.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("--help"));
        for (String s : new String[] {"--smtp-host", "QISE_SMTP_HOST", "--smtp-security", "--smtp-from", "QISE_SMTP_PASSWORD", "--public-url"}) {
            assertTrue(out.toString().contains(s), s + " in\n" + out);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--smtp-from | portal@example.org | no SMTP host: set --smtp-host (QISE_SMTP_HOST)",
            "--smtp-host | smtp.example.org   | --smtp-from (QISE_SMTP_FROM) is required",
    })
    void incompleteMailSettingsStopTheStartWithStatusTwo(String option, String value, String message) {
        PrintStream savedErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = PortalMain.commandLine().execute(option, value, "--data", "never-created");
        } finally {
            System.setErr(savedErr);
        }
        assertEquals(2, status);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("qise portal: "), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(message), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("never-created")), "nothing was started");
    }
}
