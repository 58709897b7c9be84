package org.qise.qasm3;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.qise.circuit.Gate;

/**
 * How the reader wrote each gate it made from a user gate under modifiers ({@code ctrl @ inv @
 * mine(0.5)}), with the definitions that call needs. The circuit model keeps only the matrix of
 * such a gate, and no OpenQASM text can name a bare matrix, so without this the exporter could not
 * write the gate back. Keys are held weakly: an entry lives as long as a circuit uses the gate.
 */
final class UserGates {
    private UserGates() {}

    /**
     * @param call        the gate as a call: modifiers, the user gate's name and its arguments
     * @param definitions name → text of each {@code gate} (and {@code const}) the call needs, callees first
     */
    record Origin(String call, Map<String, String> definitions) {}

    private static final Map<Gate, Origin> ORIGINS = Collections.synchronizedMap(new WeakHashMap<>());

    static void remember(Gate g, Origin origin) { ORIGINS.put(g, origin); }

    /** How {@code g} was written, or null when the reader did not make it from a user gate. */
    static Origin of(Gate g) { return ORIGINS.get(g); }

    /** The modifiers as written for a gate that is one gate (negctrl's X gates are separate operations, so it is a ctrl here). */
    static String modifiers(List<Object> kindsAndArgs) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < kindsAndArgs.size(); k += 2) {
            String kind = (String) kindsAndArgs.get(k);
            double arg = (Double) kindsAndArgs.get(k + 1);
            switch (kind) {
                case "inv" -> sb.append("inv @ ");
                case "pow" -> sb.append("pow(").append(Printer.number(arg)).append(") @ ");
                default -> sb.append(arg == 1 ? "ctrl @ " : "ctrl(" + (int) arg + ") @ ");
            }
        }
        return sb.toString();
    }
}
