package org.qise.noise.run;

/**
 * A number with its standard error: exact values (density matrix) have error 0; trajectory
 * averages report the sample standard deviation over √shots.
 */
public record Estimate(double value, double standardError) {
    @Override
    public String toString() {
        return standardError == 0 ? Double.toString(value) : value + " ± " + standardError;
    }
}
