package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SideBySideTest {
    /** Rows written as "left|right" with cells "n:text" (kept), "-n:text", "+n:text" or "." (empty), joined by ';'. */
    private static String shape(List<SideBySide.Row> rows) {
        return rows.stream().map(r -> cell(r.left()) + "|" + cell(r.right())).collect(Collectors.joining(";"));
    }

    private static String cell(SideBySide.Cell c) {
        return switch (c.cssClass()) {
            case "empty" -> ".";
            case "del" -> "-" + c.number() + ":" + c.text();
            case "add" -> "+" + c.number() + ":" + c.text();
            default -> c.number() + ":" + c.text();
        };
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", value = {
            "a/b/c => a/b/c => 1:a|1:a;2:b|2:b;3:c|3:c",
            "a/b/c => a/c => 1:a|1:a;-2:b|.;3:c|2:c",
            "a/c => a/b/c => 1:a|1:a;.|+2:b;2:c|3:c",
            "a/b/c => a/x/y/c => 1:a|1:a;-2:b|+2:x;.|+3:y;3:c|4:c",
            "a/b => c/d => -1:a|+1:c;-2:b|+2:d"})
    void changedStretchesPairRemovedWithAddedLines(String before, String after, String expected) {
        assertEquals(expected, shape(SideBySide.rows(LineDiff.diff(before.replace('/', '\n'), after.replace('/', '\n')))));
    }
}
