package org.qise.sim;

import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Whether two sets of counts could come from the same distribution: Pearson's chi-square test
 * of homogeneity on the 2 × k table of outcomes (outcomes seen in neither set do not count).
 * Used when a result is reproduced with another seed or simulator version, where bit-exact
 * equality cannot be expected.
 */
public record CountsComparison(double statistic, int degreesOfFreedom, double pValue, double threshold) {

    /** The significance level used unless another is asked for. */
    public static final double DEFAULT_THRESHOLD = 0.001;

    /** True when the test does not reject "same distribution" at the threshold. */
    public boolean consistent() {
        return pValue >= threshold;
    }

    public static CountsComparison of(Map<String, Long> a, Map<String, Long> b) {
        return of(a, b, DEFAULT_THRESHOLD);
    }

    public static CountsComparison of(Map<String, Long> a, Map<String, Long> b, double threshold) {
        TreeSet<String> outcomes = new TreeSet<>(a.keySet());
        outcomes.addAll(b.keySet());
        double na = a.values().stream().mapToLong(Long::longValue).sum();
        double nb = b.values().stream().mapToLong(Long::longValue).sum();
        if (na == 0 || nb == 0) throw new IllegalArgumentException("cannot compare an empty set of counts");
        double total = na + nb;
        double chi2 = 0;
        int used = 0;
        for (String o : outcomes) {
            double ca = a.getOrDefault(o, 0L), cb = b.getOrDefault(o, 0L);
            double col = ca + cb;
            if (col == 0) continue;
            used++;
            double ea = col * na / total, eb = col * nb / total;
            chi2 += (ca - ea) * (ca - ea) / ea + (cb - eb) * (cb - eb) / eb;
        }
        int dof = Math.max(used - 1, 0);
        double p = dof == 0 ? 1.0 : 1.0 - new ChiSquaredDistribution(null, dof).cumulativeProbability(chi2);
        return new CountsComparison(chi2, dof, p, threshold);
    }
}
