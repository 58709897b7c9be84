package org.qise.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.qise.notebook.MimeBundle;

/**
 * The Jupyter side of the kernel: turns Jupyter requests into calls on the
 * {@link EvaluationEngine} and its answers into Jupyter messages.
 */
final class QiseKernel extends BaseKernel {
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .build();

    /** Started in the background so the kernel answers Jupyter's first messages at once. */
    private final CompletableFuture<EvaluationEngine> engine;

    QiseKernel(List<String> notebookClasspath) {
        setShouldReplaceStdStreams(false); // notebook code runs in its own VM, not here
        engine = CompletableFuture.supplyAsync(() -> new EvaluationEngine(notebookClasspath,
                getIO().out, getIO().err, getIO().in, new DisplaySink() {
                    @Override
                    public void show(MimeBundle bundle, String displayId) {
                        DisplayData data = toDisplayData(bundle);
                        if (displayId != null) data.setDisplayId(displayId);
                        display(data);
                    }

                    @Override
                    public void update(String displayId, MimeBundle bundle) {
                        getIO().display.updateDisplay(displayId, toDisplayData(bundle));
                    }
                }));
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        int cellNumber = executionCount.get() - 1; // BaseKernel has already counted this cell
        return engine.join().execute(code, cellNumber).map(QiseKernel::toDisplayData).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        EvaluationEngine.Completion completion = engine.join().complete(code, at);
        return new ReplacementOptions(completion.options(), completion.start(), completion.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return engine.join().documentation(code, at, extraDetail).map(DisplayData::new).orElse(null);
    }

    @Override
    public String isComplete(String code) {
        return switch (engine.join().readiness(code)) {
            case COMPLETE -> IS_COMPLETE_YES;
            case INVALID -> IS_COMPLETE_BAD;
            case INCOMPLETE -> "    ";
        };
    }

    @Override
    public void interrupt() {
        engine.thenAccept(EvaluationEngine::interrupt);
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException cellError) {
            return cellError.report();
        }
        return List.of("Kernel error: " + e); // a kernel bug: say what it was, without kernel frames
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "QISE Java notebook kernel (JShell on Java " + Runtime.version().feature() + ")";
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        engine.thenAccept(EvaluationEngine::close);
    }

    static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        bundle.data().forEach(data::putData);
        return data;
    }
}
