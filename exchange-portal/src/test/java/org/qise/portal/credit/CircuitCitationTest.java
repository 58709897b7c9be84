package org.qise.portal.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** "Cite this circuit version" survives awkward titles and names in all three formats. */
class CircuitCitationTest {
    static final String SHA = "ab".repeat(32);

    static CircuitCitation cite(String title, List<Credit.Author> authors, Licence licence) {
        Credit credit = new Credit(licence, authors, List.of(), 0, 0, false);
        return CircuitCitation.of(new CircuitCitation.Source("9pzcw0cbpg8y", 3, "v3v3v3v3v3v3", title,
                Instant.parse("2026-11-30T23:59:59Z"), SHA, "https://qise.example.org/circuits/9pzcw0cbpg8y?version=3", credit));
    }

    @Test
    void theBibtexEntryIsTheOneWrittenOutByHand() {
        var c = cite("Bell pair", List.of(new Credit.Author(1, "Ada Lovelace", "Analytical Engines", null),
                new Credit.Author(2, "Bob", null, null)), Licence.find("MIT").orElseThrow());
        assertEquals("""
                @misc{qise-circuit-9pzcw0cbpg8y-v3,
                  author       = {Ada Lovelace and Bob},
                  title        = {{Bell pair (version 3)}},
                  year         = {2026},
                  howpublished = {QISE exchange, \\url{https://qise.example.org/circuits/9pzcw0cbpg8y?version=3}},
                  note         = {OpenQASM circuit 9pzcw0cbpg8y version 3 (SHA-256 %s); licence MIT}
                }
                """.formatted(SHA), c.bibtex());
    }

    @Test
    void awkwardTextKeepsBibtexBalancedAndCffParseable() {
        String title = "GHZ {3} \"quoted\" & 50% of $x_1$ \\ #1: done";
        var c = cite(title, List.of(new Credit.Author(1, "Ada \"A\" Lovelace & Co", "Inst: {x}", "0000-0002-1825-0097")),
                Licence.DEFAULT);
        long open = c.bibtex().chars().filter(ch -> ch == '{').count();
        long close = c.bibtex().chars().filter(ch -> ch == '}').count();
        assertEquals(open, close, c.bibtex());
        assertTrue(c.bibtex().contains("\\& 50\\% of \\$x\\_1\\$"), c.bibtex());
        assertTrue(c.bibtex().contains("\\#1: done"), c.bibtex());
        Map<String, Object> cff = new Yaml().load(c.cff());
        assertEquals(title + " (version 3)", cff.get("title"));
        @SuppressWarnings("unchecked")
        var author = ((List<Map<String, Object>>) cff.get("authors")).getFirst();
        assertEquals("Ada \"A\" Lovelace & Co", author.get("name"));
        assertEquals("Inst: {x}", author.get("affiliation"));
        assertEquals("https://orcid.org/0000-0002-1825-0097", author.get("orcid"));
        // CFF's date-released is a YAML date (unquoted), which the reader turns into a timestamp.
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), ((java.util.Date) cff.get("date-released")).toInstant());
        assertEquals("CC-BY-4.0", cff.get("license"));
    }

    @Test
    void risHasOneAuthorLinePerPersonAndTheDateInRisForm() {
        var c = cite("Line one\nline two", List.of(new Credit.Author(1, "Ada", null, null), new Credit.Author(2, "Bob", null, null)),
                Licence.DEFAULT);
        List<String> lines = c.ris().lines().toList();
        assertEquals(List.of("TY  - COMP", "AU  - Ada", "AU  - Bob", "TI  - Line one line two (version 3)", "PY  - 2026",
                "DA  - 2026/11/30", "ET  - 3", "PB  - QISE exchange", "UR  - https://qise.example.org/circuits/9pzcw0cbpg8y?version=3",
                "N1  - OpenQASM circuit 9pzcw0cbpg8y version 3, SHA-256 " + SHA + "; licence CC-BY-4.0", "ER  - "), lines);
    }
}
