package org.qise.portal.runs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.qise.sim.Bitstrings;
import org.qise.sim.ResultDocument;

/**
 * Downloads of a result: JSON with everything, and CSV files of the counts, probabilities and
 * state vector. Basis states are written q[n-1]…q[0] (qubit 0 rightmost), like the counts.
 */
public final class ResultFiles {
    private ResultFiles() {}

    /** The run's result document, written as qise run --json writes its own (one writer, {@link ResultDocument}). */
    public static String json(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", run.publicId());
        m.put("status", run.status().label());
        m.put("shots", run.shots());
        m.put("seed", run.seed());
        m.put("engine", run.engine());
        m.put("counts", run.counts());
        m.put("result_sha256", run.resultSha256());
        if (run.expectations() != null) m.put("expectations", run.expectations());
        if (run.state() != null) {
            m.put("probabilities", run.state().probabilities());
            if (run.state().statevector() != null) m.put("statevector", run.state().statevector());
        }
        m.put("manifest", run.manifest());
        return ResultDocument.write(m);
    }

    public static String countsCsv(Run run) {
        StringBuilder sb = new StringBuilder("bitstring,count\n");
        run.counts().forEach((k, v) -> sb.append(k).append(',').append(v).append('\n'));
        return sb.toString();
    }

    public static String probabilitiesCsv(Run run) {
        StringBuilder sb = new StringBuilder("index,basis_state,probability\n");
        double[] p = run.state().probabilities();
        for (int i = 0; i < p.length; i++) {
            sb.append(i).append(',').append(Bitstrings.ofIndex(i, run.numQubits())).append(',').append(number(p[i])).append('\n');
        }
        return sb.toString();
    }

    public static String statevectorCsv(Run run) {
        StringBuilder sb = new StringBuilder("index,basis_state,re,im\n");
        double[][] v = run.state().statevector();
        for (int i = 0; i < v.length; i++) {
            sb.append(i).append(',').append(Bitstrings.ofIndex(i, run.numQubits())).append(',').append(number(v[i][0])).append(',')
                    .append(number(v[i][1])).append('\n');
        }
        return sb.toString();
    }

    /** Shortest text that reads back as the same double. */
    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", Double.toString(v));
    }
}
