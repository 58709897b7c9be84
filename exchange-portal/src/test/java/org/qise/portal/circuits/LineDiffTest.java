package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    private static String render(List<LineDiff.Line> lines) {
        return lines.stream().map(l -> l.kind() + l.text()).collect(Collectors.joining("|"));
    }

    @Test
    void keepsCommonLinesAndMarksChanges() {
        String a = "a\nb\nc\nd";
        String b = "a\nc\nx\nd";
        assertEquals(" a|-b| c|+x| d", render(LineDiff.diff(a, b)));
    }

    @Test
    void identicalAndEmpty() {
        assertEquals(" x| y", render(LineDiff.diff("x\ny", "x\r\ny")));
        assertEquals("-|+a", render(LineDiff.diff("", "a")));
    }

    @Test
    void theDiffRebuildsBothTexts() {
        String a = "h q[0];\ncx q[0],q[1];\nmeasure q -> c;\nbarrier q;";
        String b = "x q[1];\nh q[0];\nmeasure q -> c;\ncx q[0],q[1];";
        List<LineDiff.Line> d = LineDiff.diff(a, b);
        String before = d.stream().filter(l -> l.kind() != '+').map(LineDiff.Line::text).collect(Collectors.joining("\n"));
        String after = d.stream().filter(l -> l.kind() != '-').map(LineDiff.Line::text).collect(Collectors.joining("\n"));
        assertEquals(a, before);
        assertEquals(b, after);
        assertEquals(2, d.stream().filter(l -> l.kind() == ' ').count(), "the longest common subsequence has 2 lines");
    }
}
