package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The results CSV against RFC 4180 (section 2: CRLF, quoting fields with commas, quotes and line
 * breaks, doubled quotes) and the OWASP advice on CSV injection (a leading apostrophe before a
 * cell a spreadsheet would evaluate). Expected cells are written out by hand.
 */
class ResultsCsvTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Ada Lovelace                | Ada Lovelace",
            "ETH Zürich                  | ETH Zürich",
            "Lovelace, Ada               | \"Lovelace, Ada\"",
            "the \"Analytical\" Engine   | \"the \"\"Analytical\"\" Engine\"",
            "=1+1                        | '=1+1",
            "+41 44 000                  | '+41 44 000",
            "-2                          | '-2",
            "@SUM(A1:A2)                 | '@SUM(A1:A2)",
            "=HYPERLINK(\"http://x\",\"y\") | \"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            "a=b                         | a=b",
            "0.25                        | 0.25"})
    void cellsAreQuotedAndDefused(String value, String expected) {
        assertEquals(expected, ResultsCsv.cell(value));
    }

    @Test
    void lineBreaksInsideACellAreQuotedAndEmptyCellsStayEmpty() {
        assertEquals("\"two\nlines\"", ResultsCsv.cell("two\nlines"));
        assertEquals("\"'\rx\"", ResultsCsv.cell("\rx"));
        assertEquals("", ResultsCsv.cell(null));
        assertEquals("", ResultsCsv.cell(""));
    }

    @Test
    void theDocumentHasTheHeaderAndEndsEveryRecordWithCrLf() {
        String text = new ResultsCsv().row(Arrays.asList("Ada", null, "Bell pair", "passed", "1", "2026-12-01T09:00:00Z", "7")).text();
        assertEquals("participant,institution,exercise,status,score,submitted at,run id\r\n"
                + "Ada,,Bell pair,passed,1,2026-12-01T09:00:00Z,7\r\n", text);
        assertEquals(List.of("participant", "institution", "exercise", "status", "score", "submitted at", "run id"), ResultsCsv.HEADER);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1.0000000000000004, 1", "0.25, 0.25", "0.9999994, 0.999999", "0, 0", "0.123456789, 0.123457"})
    void scoresAreRoundedToSixDecimalsWithoutTrailingZeros(double score, String expected) {
        assertEquals(expected, WorkshopService.score(score));
    }
}
