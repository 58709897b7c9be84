package org.qise.portal.circuits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qise.portal.PortalException;

/**
 * The form's gate palette without drag and drop or script: pick a gate, type its qubits
 * ("0" or "0, 1") and an angle where it takes one, and "Add" appends the line to the OpenQASM
 * text (starting a file with a header when the box is empty); the form then comes back previewed.
 */
public final class GatePalette {
    /** The gates offered, with how many qubits each acts on (insertion order is the menu's). */
    public static final Map<String, Integer> GATES = gates();
    /** Gates that take one angle. */
    static final java.util.Set<String> ROTATIONS = java.util.Set.of("rx", "ry", "rz", "p");
    /** An angle as OpenQASM writes one: numbers, pi, + - * / and brackets; the parser judges the rest. */
    private static final Pattern ANGLE = Pattern.compile("[0-9a-z.+\\-*/() ]{1,40}");
    /** The first quantum register the text declares (OpenQASM 2 or 3). */
    private static final Pattern QREG = Pattern.compile("(?m)^\\s*(?:qreg\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\[|qubit\\s*\\[\\s*\\d+\\s*\\]\\s*([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern CREG = Pattern.compile("(?m)^\\s*(?:creg\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\[|bit\\s*\\[\\s*\\d+\\s*\\]\\s*([A-Za-z_][A-Za-z0-9_]*))");

    private GatePalette() {}

    private static Map<String, Integer> gates() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String g : new String[] {"h", "x", "y", "z", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "p"}) m.put(g, 1);
        for (String g : new String[] {"cx", "cz", "swap"}) m.put(g, 2);
        m.put("ccx", 3);
        m.put("measure", 1);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The text with the gate's line appended; 400 naming the field for a bad choice. */
    public static String append(String qasm, String gate, String qubits, String angle) {
        Integer arity = GATES.get(gate == null ? "" : gate);
        if (arity == null) throw PortalException.badRequest("gate: choose one of " + String.join(", ", GATES.keySet()));
        List<Integer> on = new ArrayList<>();
        for (String part : (qubits == null ? "" : qubits).split("[ ,]+")) {
            if (part.isEmpty()) continue;
            if (!part.matches("\\d{1,4}")) throw PortalException.badRequest("qubits: \"" + part + "\" is not a qubit number");
            on.add(Integer.parseInt(part));
        }
        if (on.size() != arity) {
            throw PortalException.badRequest("qubits: " + gate + " acts on " + arity + (arity == 1 ? " qubit" : " qubits")
                    + ", e.g. \"" + (arity == 1 ? "0" : arity == 2 ? "0, 1" : "0, 1, 2") + "\"");
        }
        if (new java.util.HashSet<>(on).size() != on.size()) throw PortalException.badRequest("qubits: a gate's qubits must differ");
        String args = "";
        if (ROTATIONS.contains(gate)) {
            String a = angle == null || angle.isBlank() ? "pi/2" : angle.strip();
            if (!ANGLE.matcher(a).matches()) throw PortalException.badRequest("angle: write a number or an expression in pi, e.g. pi/4");
            args = "(" + a + ")";
        }
        StringBuilder text = new StringBuilder(qasm == null ? "" : qasm);
        if (text.toString().isBlank()) {
            int size = Math.max(2, on.stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
            text.setLength(0);
            text.append("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[").append(size).append("];\ncreg c[").append(size).append("];\n");
        } else if (text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        String q = first(QREG, text, "q");
        StringBuilder line = new StringBuilder(gate.equals("measure") ? "measure" : gate + args);
        for (int k = 0; k < on.size(); k++) line.append(k == 0 ? " " : ", ").append(q).append('[').append(on.get(k)).append(']');
        if (gate.equals("measure")) line.append(" -> ").append(first(CREG, text, "c")).append('[').append(on.getFirst()).append(']');
        return text.append(line).append(";\n").toString();
    }

    private static String first(Pattern p, CharSequence text, String otherwise) {
        Matcher m = p.matcher(text);
        if (!m.find()) return otherwise;
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
