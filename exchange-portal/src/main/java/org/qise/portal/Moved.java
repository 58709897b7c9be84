package org.qise.portal;

/**
 * An old address: the item it names now lives under its public id. The portal answers with a
 * permanent redirect to the same URL with {@code from} replaced by {@code to} (301 for GET and
 * HEAD, 308 for other methods so that the method and body are kept).
 */
public final class Moved extends RuntimeException {
    private final String from;
    private final String to;

    public Moved(String from, String to) {
        super("moved to " + to, null, false, false);
        this.from = from;
        this.to = to;
    }

    public String from() { return from; }

    public String to() { return to; }
}
