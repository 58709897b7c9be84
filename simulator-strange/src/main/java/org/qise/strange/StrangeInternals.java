package org.qise.strange;

import java.lang.reflect.Field;
import java.util.OptionalDouble;
import org.redfx.strange.BlockGate;
import org.redfx.strange.Complex;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.Rotation;

/**
 * Reads the few facts that Strange 0.1.3 keeps in non-public fields and nowhere else.
 *
 * <p>Why: Strange stores its matrices in single precision ({@code float}), but it keeps the
 * angle of a rotation ({@code Rotation.thetav}) and of a phase gate ({@code R.expv}) as the
 * {@code double} the user gave; reading those lets the bridge simulate in full double precision.
 * Whether a block is inverted ({@code BlockGate.inverse}) has no getter at all. Each reader
 * returns empty (or null) when the field cannot be read, and the caller falls back to what the
 * public float matrix says.
 */
final class StrangeInternals {
    private StrangeInternals() {}

    private static final Field ROTATION_ANGLE = field(Rotation.class, "thetav");
    private static final Field PHASE_ANGLE = field(R.class, "expv");
    private static final Field BLOCK_INVERSE = field(BlockGate.class, "inverse");
    private static final Field FOURIER_MATRIX = field(Fourier.class, "matrix");

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Strange version or a locked-down module: use the float matrices
        }
    }

    private static Object read(Field f, Object target) {
        if (f == null) return null;
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** The angle a rotation was created with, in double precision. */
    static OptionalDouble rotationAngle(Rotation gate) {
        return read(ROTATION_ANGLE, gate) instanceof Double d ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** The phase angle an {@code R} gate was created with, in double precision. */
    static OptionalDouble phaseAngle(R gate) {
        return read(PHASE_ANGLE, gate) instanceof Double d ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /**
     * Whether a block gate is flagged as inverted. Without access to the flag this answers
     * false, which is right for every block a program builds without calling {@code inverse()}.
     */
    static boolean isInverted(BlockGate<?> gate) {
        return read(BLOCK_INVERSE, gate) instanceof Boolean b && b;
    }

    /**
     * The matrix a Fourier gate has computed so far, or null when it has not computed one yet
     * (then it is still the transform its class names). Strange inverts a Fourier gate by
     * conjugating this cached matrix, so the matrix is the only record of the inversion; reading
     * the cache avoids building a 2^k × 2^k float matrix. Without access, asks the gate for it.
     */
    static Complex[][] fourierMatrixIfComputed(Fourier gate) {
        if (FOURIER_MATRIX == null) return gate.getMatrix();
        return read(FOURIER_MATRIX, gate) instanceof Complex[][] m ? m : null;
    }
}
