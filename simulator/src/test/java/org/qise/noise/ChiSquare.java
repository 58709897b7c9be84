package org.qise.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/** Goodness of fit of counts against exact probabilities (Commons Math), bins with few expected counts pooled. */
public final class ChiSquare {
    private ChiSquare() {}

    /** The p-value of the counts under the probabilities (keys absent from either side count as 0). */
    public static double pValue(Map<String, Long> counts, Map<String, Double> probabilities) {
        long shots = counts.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> keys = new TreeSet<>(probabilities.keySet());
        for (String k : counts.keySet()) {
            if (probabilities.getOrDefault(k, 0.0) == 0) {
                throw new AssertionError("outcome " + k + " was observed " + counts.get(k) + " times but has probability 0");
            }
        }
        List<double[]> bins = new ArrayList<>();
        double pooledExpected = 0, pooledObserved = 0;
        for (String k : keys) {
            double e = probabilities.get(k) * shots;
            double o = counts.getOrDefault(k, 0L);
            if (e < 5) {
                pooledExpected += e;
                pooledObserved += o;
            } else {
                bins.add(new double[]{e, o});
            }
        }
        if (pooledExpected > 0) bins.add(new double[]{pooledExpected, pooledObserved});
        if (bins.size() < 2) return 1;
        double[] expected = bins.stream().mapToDouble(b -> b[0]).toArray();
        long[] observed = bins.stream().mapToLong(b -> (long) b[1]).toArray();
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }
}
