package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.notebook.MimeBundle;

/** The Jupyter-facing glue; the engine behind it has its own test. */
class QiseKernelTest {
    @Test
    void bundlesBecomeDisplayDataWithEveryFormat() {
        DisplayData data = QiseKernel.toDisplayData(MimeBundle.text("a circuit").with(MimeBundle.SVG, "<svg/>"));
        assertEquals("a circuit", data.getData(MIMEType.TEXT_PLAIN));
        assertEquals("<svg/>", data.getData(MIMEType.IMAGE_SVG));
    }

    @Test
    void cellErrorsAreReportedWithTheirOwnLinesOnly() {
        CompilationException error = new CompilationException(List.of(
                new CompilationException.Problem(2, 5, "';' expected", "int x = 1")));
        assertEquals(List.of("Compilation error at line 2, column 5:", "    int x = 1", "        ^", "';' expected"),
                error.report());
    }
}
