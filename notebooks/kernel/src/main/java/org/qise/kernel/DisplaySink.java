package org.qise.kernel;

import org.qise.notebook.MimeBundle;

/** Where the evaluation engine sends what a cell shows, and updates of earlier displays. */
public interface DisplaySink {
    /** Shows {@code bundle}; {@code displayId} (null when none) names it for later updates. */
    void show(MimeBundle bundle, String displayId);

    /** Replaces what the display {@code displayId} shows. */
    void update(String displayId, MimeBundle bundle);
}
