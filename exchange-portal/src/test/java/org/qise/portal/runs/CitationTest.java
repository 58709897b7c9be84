package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Citations survive awkward titles and names: BibTeX braces stay balanced, CFF strings stay quoted. */
class CitationTest {
    private static Run run() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        return new Run(42, 7, 3, 1, "Ada", Origin.SERVER, null, false, RunStatus.DONE, 1000, 5, "exact", List.of(), "", "c".repeat(64),
                2, 1, null, Map.of("00", 1000L), null, null, Map.of("simulator_version", "0.1.0"), "r".repeat(64), t, t, t,
                "r42r42r42r42", "c7c7c7c7c7c7", null);
    }

    @Test
    void awkwardTextIsEscaped() {
        Citation c = Citation.of(run(), "Bell {pair} \"quoted\" & 50% of $x_1$ \\ done", List.of("Ada \"A\" Lovelace", "Bob & Co"),
                "https://qise.example.org/runs/r42r42r42r42");
        long open = c.bibtex().chars().filter(ch -> ch == '{').count();
        long close = c.bibtex().chars().filter(ch -> ch == '}').count();
        assertEquals(open, close, c.bibtex());
        assertTrue(c.bibtex().contains("\\& 50\\% of \\$x\\_1\\$"), c.bibtex());
        assertTrue(c.bibtex().contains("author       = {Ada \"A\" Lovelace and Bob \\& Co}"), c.bibtex());
        assertTrue(c.bibtex().contains("year         = {2026}"));
        assertTrue(c.bibtex().contains("result SHA-256 " + "r".repeat(64)));
        assertTrue(c.cff().contains("title: \"Bell {pair} \\\"quoted\\\" & 50% of $x_1$ \\\\ done, version 3: result of run r42r42r42r42\""), c.cff());
        assertTrue(c.cff().contains("  - name: \"Ada \\\"A\\\" Lovelace\""), c.cff());
        assertTrue(c.cff().contains("value: \"sha256:" + "r".repeat(64) + "\""), c.cff());
        assertTrue(c.cff().contains("date-released: 2026-11-26"));
    }
}
