package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;

/**
 * The in-place 4×4 product of a run's gates ({@link RunProduct}) against the product by
 * definition: each gate's full matrix embedded on the two qubits with {@link Matrix#embed} and
 * multiplied on the left with {@link Matrix#times}. Bit for bit, since the fuser decides runs
 * from the product's exact zeros and a run's kernel takes its coefficients from it.
 */
class RunProductTest {
    @ParameterizedTest(name = "the product of {0} has the bits of embedded matrices multiplied")
    @ValueSource(strings = {"u3:3", "cx:3,4 u3:3", "u3:4 cx:4,3 rz:3", "h:3 swap:3,4 h:3", "cp:4,3 rx:4 cz:3,4 x:3", "u3:3 u3:4 cx:3,4 u3:4"})
    void theProductHasTheBitsOfEmbeddedMatricesMultiplied(String spec) {
        Random rnd = new Random(spec.hashCode());
        RunProduct p = new RunProduct();
        p.reset();
        Matrix expected = Matrix.identity(4);
        for (String item : spec.split(" ")) {
            String[] parts = item.split(":");
            String[] qs = parts[1].split(",");
            int[] q = new int[qs.length];
            int[] bits = new int[qs.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = Integer.parseInt(qs[i]);
                bits[i] = q[i] == 3 ? 0 : 1;
            }
            Gate g = gate(parts[0], rnd);
            expected = g.matrix().embed(2, bits).times(expected);
            p.multiply(g.matrix(), q, 3, 4);
        }
        assertBitsEqual(expected, p.matrix());
    }

    @ParameterizedTest(name = "a gate on qubit {0}, neither of the run's, leaves the product as it was")
    @ValueSource(ints = {0, 5})
    void aGateOnAnotherQubitLeavesTheProductAsItWas(int other) {
        RunProduct p = new RunProduct();
        p.reset();
        Gate u = Gates.u3(0.3, 0.7, 1.1);
        p.multiply(u.matrix(), new int[]{3}, 3, 4);
        assertFalse(p.multiply(Gates.cx().matrix(), new int[]{4, other}, 3, 4));
        assertBitsEqual(u.matrix().embed(2, 0).times(Matrix.identity(4)), p.matrix());
    }

    private static Gate gate(String name, Random rnd) {
        return switch (name) {
            case "cx" -> Gates.cx();
            case "cz" -> Gates.cz();
            case "swap" -> Gates.swap();
            case "h" -> Gates.h();
            case "x" -> Gates.x();
            case "cp" -> Gates.cp(rnd.nextDouble() * 3);
            case "rz" -> Gates.rz(rnd.nextDouble() * 3);
            case "rx" -> Gates.rx(rnd.nextDouble() * 3);
            default -> Gates.u3(rnd.nextDouble() * 3, rnd.nextDouble() * 3, rnd.nextDouble() * 3);
        };
    }

    private static void assertBitsEqual(Matrix expected, Matrix actual) {
        long[] e = new long[32], a = new long[32];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                e[2 * (r * 4 + c)] = Double.doubleToRawLongBits(expected.re(r, c));
                e[2 * (r * 4 + c) + 1] = Double.doubleToRawLongBits(expected.im(r, c));
                a[2 * (r * 4 + c)] = Double.doubleToRawLongBits(actual.re(r, c));
                a[2 * (r * 4 + c) + 1] = Double.doubleToRawLongBits(actual.im(r, c));
            }
        }
        assertArrayEquals(e, a);
    }
}
