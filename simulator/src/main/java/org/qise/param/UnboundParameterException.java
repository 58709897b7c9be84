package org.qise.param;

import java.util.Set;

/** A circuit was run or evaluated while some of its parameters had no value; names them. */
public final class UnboundParameterException extends IllegalStateException {
    private final Set<String> names;

    public UnboundParameterException(Set<String> names) {
        super("parameter" + (names.size() == 1 ? " " : "s ") + String.join(", ", names) + (names.size() == 1 ? " has" : " have")
                + " no value; bind " + (names.size() == 1 ? "it" : "them") + " first (Circuit.bind, or --param NAME=VALUE)");
        this.names = Set.copyOf(names);
    }

    /** The parameters without a value. */
    public Set<String> names() { return names; }
}
