package org.qise.notebook;

/**
 * Called by the kernel, not by notebook code: hands the value of a cell's last expression
 * back to the kernel as that cell's result.
 */
public final class KernelHooks {
    private KernelHooks() {}

    public static void result(Object value) {
        Display.send(DisplayWire.Kind.RESULT, Renderers.render(value));
    }
}
