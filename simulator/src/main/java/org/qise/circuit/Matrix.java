package org.qise.circuit;

import java.util.Arrays;

/**
 * An immutable square complex matrix of dimension 2^k, stored row-major as separate real and
 * imaginary parts.
 *
 * <p>Bit order: for a matrix acting on qubits (q<sub>0</sub>, q<sub>1</sub>, …) in the order a
 * gate lists them, bit j of a row or column index is the state of q<sub>j</sub>. So for
 * {@code cx c,t} the index is {@code c + 2·t}: qubit 0 is the least significant bit, as in
 * OpenQASM and Qiskit.
 */
public final class Matrix {
    private final int dim;
    private final double[] re;
    private final double[] im;

    private Matrix(int dim, double[] re, double[] im) {
        this.dim = dim;
        this.re = re;
        this.im = im;
    }

    /** A matrix from row-major real and imaginary parts (copied). */
    public static Matrix of(int dim, double[] re, double[] im) {
        if (dim <= 0 || Integer.bitCount(dim) != 1) {
            throw new IllegalArgumentException("matrix dimension must be a power of two, got " + dim);
        }
        if (re.length != dim * dim || im.length != dim * dim) {
            throw new IllegalArgumentException("expected " + dim * dim + " entries, got " + re.length + " and " + im.length);
        }
        return new Matrix(dim, re.clone(), im.clone());
    }

    /**
     * A matrix from rows of complex numbers written as {re, im} pairs:
     * {@code rows[r][2c]} is the real and {@code rows[r][2c+1]} the imaginary part of entry (r, c).
     */
    public static Matrix ofRows(double[]... rows) {
        int dim = rows.length;
        double[] re = new double[dim * dim];
        double[] im = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            if (rows[r].length != 2 * dim) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length / 2 + " entries, expected " + dim);
            }
            for (int c = 0; c < dim; c++) {
                re[r * dim + c] = rows[r][2 * c];
                im[r * dim + c] = rows[r][2 * c + 1];
            }
        }
        return of(dim, re, im);
    }

    public static Matrix identity(int dim) {
        double[] re = new double[dim * dim];
        for (int i = 0; i < dim; i++) re[i * dim + i] = 1;
        return new Matrix(dim, re, new double[dim * dim]);
    }

    /** A diagonal matrix with entries e^{i·phases[j]}. */
    public static Matrix diagonalPhases(double... phases) {
        int dim = phases.length;
        double[] re = new double[dim * dim];
        double[] im = new double[dim * dim];
        for (int j = 0; j < dim; j++) {
            re[j * dim + j] = Math.cos(phases[j]);
            im[j * dim + j] = Math.sin(phases[j]);
        }
        return of(dim, re, im);
    }

    public int dim() { return dim; }

    /** Number of qubits this matrix acts on (log2 of the dimension). */
    public int qubits() { return Integer.numberOfTrailingZeros(dim); }

    public double re(int row, int col) { return re[row * dim + col]; }

    public double im(int row, int col) { return im[row * dim + col]; }

    /** Copy of the row-major real parts. */
    public double[] realParts() { return re.clone(); }

    /** Copy of the row-major imaginary parts. */
    public double[] imagParts() { return im.clone(); }

    /** this · other (apply {@code other} first, then this). */
    public Matrix times(Matrix other) {
        requireSameDim(other);
        double[] r = new double[dim * dim];
        double[] i = new double[dim * dim];
        for (int a = 0; a < dim; a++) {
            for (int k = 0; k < dim; k++) {
                double xr = re[a * dim + k], xi = im[a * dim + k];
                if (xr == 0 && xi == 0) continue;
                for (int b = 0; b < dim; b++) {
                    double yr = other.re[k * dim + b], yi = other.im[k * dim + b];
                    r[a * dim + b] += xr * yr - xi * yi;
                    i[a * dim + b] += xr * yi + xi * yr;
                }
            }
        }
        return new Matrix(dim, r, i);
    }

    /** e^{iφ} · this. */
    public Matrix timesPhase(double phi) {
        double c = Math.cos(phi), s = Math.sin(phi);
        double[] r = new double[dim * dim];
        double[] i = new double[dim * dim];
        for (int k = 0; k < r.length; k++) {
            r[k] = c * re[k] - s * im[k];
            i[k] = c * im[k] + s * re[k];
        }
        return new Matrix(dim, r, i);
    }

    /** Conjugate transpose: the inverse of a unitary. */
    public Matrix dagger() {
        double[] r = new double[dim * dim];
        double[] i = new double[dim * dim];
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                r[b * dim + a] = re[a * dim + b];
                i[b * dim + a] = -im[a * dim + b];
            }
        }
        return new Matrix(dim, r, i);
    }

    /**
     * The matrix of this gate with {@code n} controls added as the new <em>low</em> qubits:
     * it acts as this matrix on the target bits when all control bits are 1, else as identity.
     */
    public Matrix controlled(int n) {
        if (n == 0) return this;
        int ctrlMask = (1 << n) - 1;
        int big = dim << n;
        double[] r = new double[big * big];
        double[] i = new double[big * big];
        for (int row = 0; row < big; row++) {
            if ((row & ctrlMask) != ctrlMask) {
                r[row * big + row] = 1;
                continue;
            }
            for (int t = 0; t < dim; t++) {
                int col = (t << n) | ctrlMask;
                r[row * big + col] = re[(row >> n) * dim + t];
                i[row * big + col] = im[(row >> n) * dim + t];
            }
        }
        return new Matrix(big, r, i);
    }

    /**
     * Embeds this matrix, acting on the given qubits of a register of {@code n} qubits
     * (qubits[j] is the register qubit that this matrix's bit j refers to), as a 2^n matrix.
     */
    public Matrix embed(int n, int... qubits) {
        if (qubits.length != qubits()) {
            throw new IllegalArgumentException("matrix acts on " + qubits() + " qubits, got " + qubits.length);
        }
        int big = 1 << n;
        int mask = 0;
        for (int q : qubits) mask |= 1 << q;
        double[] r = new double[big * big];
        double[] i = new double[big * big];
        for (int col = 0; col < big; col++) {
            int local = 0;
            for (int j = 0; j < qubits.length; j++) local |= ((col >> qubits[j]) & 1) << j;
            int rest = col & ~mask;
            for (int outLocal = 0; outLocal < dim; outLocal++) {
                int row = rest;
                for (int j = 0; j < qubits.length; j++) row |= ((outLocal >> j) & 1) << qubits[j];
                r[row * big + col] = re[outLocal * dim + local];
                i[row * big + col] = im[outLocal * dim + local];
            }
        }
        return new Matrix(big, r, i);
    }

    /** Whether every entry off the diagonal is exactly zero. */
    public boolean isDiagonal() {
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                if (a != b && (re[a * dim + b] != 0 || im[a * dim + b] != 0)) return false;
            }
        }
        return true;
    }

    /** Whether every entry's imaginary part is exactly zero (h, ry, x, cx): kernels skip the re↔im work. */
    public boolean isReal() {
        for (double v : im) if (v != 0) return false;
        return true;
    }

    /** Largest |this − other| over all entries. */
    public double distance(Matrix other) {
        requireSameDim(other);
        double worst = 0;
        for (int k = 0; k < re.length; k++) {
            worst = Math.max(worst, Math.hypot(re[k] - other.re[k], im[k] - other.im[k]));
        }
        return worst;
    }

    /** Largest entry difference after removing the best global phase between the two. */
    public double distanceUpToGlobalPhase(Matrix other) {
        requireSameDim(other);
        // Phase of the largest entry of other relative to the same entry of this.
        int best = 0;
        for (int k = 1; k < re.length; k++) {
            if (Math.hypot(other.re[k], other.im[k]) > Math.hypot(other.re[best], other.im[best])) best = k;
        }
        double phase = Math.atan2(other.im[best], other.re[best]) - Math.atan2(im[best], re[best]);
        return timesPhase(phase).distance(other);
    }

    /** Largest |U·U† − I| entry. */
    public double unitarityError() {
        return times(dagger()).distance(identity(dim));
    }

    private void requireSameDim(Matrix other) {
        if (other.dim != dim) throw new IllegalArgumentException("dimension " + dim + " vs " + other.dim);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.dim == dim && Arrays.equals(m.re, re) && Arrays.equals(m.im, im);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(re) + Arrays.hashCode(im);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < dim; a++) {
            sb.append(a == 0 ? "[" : " ");
            for (int b = 0; b < dim; b++) {
                sb.append(String.format("%s%.4f%+.4fi", b == 0 ? "[" : ", ", re[a * dim + b], im[a * dim + b]));
            }
            sb.append(a == dim - 1 ? "]]" : "]\n");
        }
        return sb.toString();
    }
}
