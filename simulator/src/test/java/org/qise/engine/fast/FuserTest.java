package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/** The fuser's blocks: width limits, merging of commuting gates, and the product they represent. */
class FuserTest {
    private static Operation.GateOp op(org.qise.circuit.Gate g, int... q) {
        return new Operation.GateOp(g, q, null);
    }

    /** The whole-register unitary of a gate list, multiplied out densely (independent of the fuser). */
    private static Matrix unitary(List<Operation.GateOp> ops, int n) {
        Matrix u = Matrix.identity(1 << n);
        for (Operation.GateOp o : ops) u = o.gate().matrix().embed(n, o.qubits()).times(u);
        return u;
    }

    private static Matrix unitaryOfBlocks(List<Fuser.Block> blocks, int n) {
        Matrix u = Matrix.identity(1 << n);
        for (Fuser.Block b : blocks) {
            Matrix m = switch (b) {
                case Fuser.Single s -> s.op().gate().matrix().embed(n, s.op().qubits());
                case Fuser.Dense d -> d.matrix().embed(n, d.qubits());
                case Fuser.Diagonal d -> diagonal(d).embed(n, d.qubits());
                default -> throw new AssertionError(b);
            };
            u = m.times(u);
        }
        return u;
    }

    private static Matrix diagonal(Fuser.Diagonal d) {
        int dim = d.re().length;
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            re[i * dim + i] = d.re()[i];
            im[i * dim + i] = d.im()[i];
        }
        return Matrix.of(dim, re, im);
    }

    @Test
    void blocksMultiplyToTheCircuitAndRespectTheWidth() {
        Random rnd = new Random(8);
        for (int width = 1; width <= 4; width++) {
            for (int trial = 0; trial < 10; trial++) {
                int n = 5;
                List<Operation.GateOp> ops = RandomCircuits.circuit(rnd, n, 25);
                List<Fuser.Block> blocks = new Fuser(width, 6).fuse(ops);
                for (Fuser.Block b : blocks) {
                    if (b instanceof Fuser.Dense d) assertTrue(d.qubits().length <= width, "dense block too wide");
                    if (b instanceof Fuser.Diagonal d) assertTrue(d.qubits().length <= Math.max(width, 6), "diagonal block too wide");
                }
                assertTrue(unitary(ops, n).distance(unitaryOfBlocks(blocks, n)) < 1e-12, "width " + width + " trial " + trial);
            }
        }
    }

    @Test
    void aLayerOfSingleQubitGatesFusesPerQubitGroup() {
        List<Operation.GateOp> ops = List.of(op(Gates.h(), 0), op(Gates.h(), 1), op(Gates.h(), 2), op(Gates.h(), 3),
                op(Gates.rz(0.1), 0), op(Gates.rz(0.2), 1), op(Gates.rz(0.3), 2), op(Gates.rz(0.4), 3));
        List<Fuser.Block> blocks = new Fuser(2, 10).fuse(ops);
        assertEquals(2, blocks.size());
        assertInstanceOf(Fuser.Dense.class, blocks.get(0));
    }

    @Test
    void diagonalGatesCommuteIntoWideDiagonalBlocks() {
        // cp gates share qubit 0 but commute: a diagonal block may grow past the dense width.
        List<Operation.GateOp> ops = List.of(op(Gates.cp(0.1), 1, 0), op(Gates.cp(0.2), 2, 0), op(Gates.cp(0.3), 3, 0),
                op(Gates.cp(0.4), 4, 0), op(Gates.cz(), 5, 0));
        List<Fuser.Block> blocks = new Fuser(2, 8).fuse(ops);
        assertEquals(1, blocks.size());
        assertEquals(6, ((Fuser.Diagonal) blocks.get(0)).qubits().length);
        assertTrue(unitary(ops, 6).distance(unitaryOfBlocks(blocks, 6)) < 1e-12);
    }

    @Test
    void aGateThatDoesNotCommuteWithASkippedGateIsNotPulledForward() {
        // h 2 cannot join the {0,1} block: it must stay after cx 1,2 which was skipped.
        List<Operation.GateOp> ops = List.of(op(Gates.h(), 0), op(Gates.cx(), 0, 1), op(Gates.cx(), 1, 2), op(Gates.h(), 2), op(Gates.h(), 0));
        List<Fuser.Block> blocks = new Fuser(2, 2).fuse(ops);
        assertTrue(unitary(ops, 3).distance(unitaryOfBlocks(blocks, 3)) < 1e-12);
    }
}
