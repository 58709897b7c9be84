package org.qise.engine.mpi;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.GateChecks;
import org.qise.engine.Plan;

/**
 * A circuit planned for 2^k ranks: runs of gates on local qubits, compiled by the fast engine
 * for the local slice (so they fuse), separated by exchanges that bring a global qubit into a
 * local position. Gates that commute with a waiting gate on a global qubit (no shared qubit
 * with it or with any gate waiting before them) run first, so an exchange is paid only when
 * nothing else can run locally. The swapped-out local qubit is the one whose next use lies furthest ahead
 * (Belady's rule), which is what keeps exchanges below one per gate on a global qubit: a qubit
 * once brought in stays local until space is needed.
 *
 * <p>The plan assumes the state starts in the identity layout; {@link MpiState#run} brings it
 * there (or to the layout of the first step run) first.
 */
final class MpiPlan implements Plan {
    /** One step: either an exchange of global position {@code global} with local {@code localPos}, or a local fast plan. */
    record Action(int global, int localPos, Plan localPlan) {
        boolean isExchange() { return localPlan == null; }
    }

    private final int numQubits;
    private final List<Operation.GateOp> gates;
    private final List<Step> steps;
    final List<Action> actions;
    /** Layout before each action, and after the last (size actions + 1). */
    final List<QubitLayout> layouts;
    /** Exchanges between ranks, and swaps of a planned-global position that lies inside the slice (no messages). */
    final int exchanges, localSwaps;

    private MpiPlan(int numQubits, int realLocal, List<Operation.GateOp> gates, List<Step> steps, List<Action> actions, List<QubitLayout> layouts) {
        this.numQubits = numQubits;
        this.gates = List.copyOf(gates);
        this.steps = List.copyOf(steps);
        this.actions = List.copyOf(actions);
        this.layouts = List.copyOf(layouts);
        int e = 0, w = 0;
        for (Action a : actions) {
            if (a.isExchange() && a.global() >= realLocal) e++;
            else if (a.isExchange()) w++;
        }
        this.exchanges = e;
        this.localSwaps = w;
    }

    /**
     * Global qubits the plan is made for: the engine's split G whatever the rank count (fewer only
     * when a slice would then hold fewer than {@link #MIN_LOCAL_QUBITS}, but never fewer than the
     * k real ones). With k real global qubits, positions n−G … n−k−1 are still bits of a rank's
     * local index; moving a qubit there is a swap inside the slice, not an exchange. So the plan —
     * which gates run together, on which positions, in which fused blocks — is the same for 1, 2,
     * … 2^G ranks, and so are the amplitudes, bit for bit.
     */
    static int splitQubits(int numQubits, int rankQubits, int split) {
        return Math.max(rankQubits, Math.min(split, numQubits - MIN_LOCAL_QUBITS));
    }

    /** The split when none is chosen: rank counts up to 2^DEFAULT_SPLIT give bit-identical amplitudes. */
    static final int DEFAULT_SPLIT = 3;
    /** The largest split one may choose (2^20 ranks; a plan for more global qubits than that helps no one). */
    static final int MAX_SPLIT = 20;
    /** Smallest planned slice (in qubits) for which the split is kept, so that fused blocks and wide gates fit. */
    static final int MIN_LOCAL_QUBITS = 8;

    static MpiPlan compile(int numQubits, int rankQubits, int split, List<Operation.GateOp> gates, Engine localEngine) {
        int local = numQubits - splitQubits(numQubits, rankQubits, split);
        return compile(numQubits, rankQubits, gates, localEngine, new QubitLayout(numQubits, local));
    }

    /** A plan starting from {@code start} (a copy is taken); its local width is the layout's. */
    static MpiPlan compile(int numQubits, int rankQubits, List<Operation.GateOp> gates, Engine localEngine, QubitLayout start) {
        GateChecks.gates(numQubits, gates);
        int local = start.local, realLocal = numQubits - rankQubits;
        for (Operation.GateOp g : gates) {
            if (g.qubits().length > local) {
                throw new MpiException(g.gate().name() + " acts on " + g.qubits().length + " qubits but the mpi engine applies gates to at most "
                        + local + " qubits of a slice (" + (1 << rankQubits) + " rank(s), " + realLocal + " local qubit(s) each); use fewer ranks");
            }
        }
        QubitLayout layout = start.copy();
        List<Action> actions = new ArrayList<>();
        List<QubitLayout> layouts = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<Operation.GateOp> batch = new ArrayList<>(), batchLogical = new ArrayList<>();
        List<Operation.GateOp> pending = gates;
        while (!pending.isEmpty()) {
            // Run every gate that can run locally now; a gate on a global qubit waits, and so
            // does every later gate sharing a qubit with a waiting one (the others commute with it).
            List<Operation.GateOp> waiting = new ArrayList<>();
            boolean[] blocked = new boolean[numQubits];
            for (Operation.GateOp g : pending) {
                int[] qs = g.qubits();
                boolean wait = false;
                for (int q : qs) wait |= blocked[q] || layout.isGlobal(q);
                if (wait) {
                    waiting.add(g);
                    for (int q : qs) blocked[q] = true;
                    continue;
                }
                int[] phys = new int[qs.length];
                for (int j = 0; j < qs.length; j++) phys[j] = layout.physical(qs[j]);
                batch.add(new Operation.GateOp(g.gate(), phys, null));
                batchLogical.add(g);
            }
            flush(batch, batchLogical, layout, local, realLocal, localEngine, actions, layouts, steps);
            if (waiting.isEmpty()) break;
            // Bring in the first waiting gate's global qubits; it (at least) can run next round.
            NextUse next = new NextUse(numQubits, waiting);
            int[] qs = waiting.getFirst().qubits();
            for (int q : qs) {
                if (!layout.isGlobal(q)) continue;
                int victim = victim(layout, qs, next, 0);
                int global = layout.physical(q);
                layouts.add(layout.copy());
                actions.add(new Action(global, victim, null));
                steps.add(new Step(List.of(), global >= realLocal ? "exchange" : "local swap", List.of(global >= realLocal
                        ? String.format("swap global position %d (qubit %d) with local position %d (qubit %d): half the slice to rank ^ %d",
                                global, q, victim, layout.logical(victim), 1 << (global - realLocal))
                        : String.format("swap position %d (qubit %d) with position %d (qubit %d) inside the slice",
                                global, q, victim, layout.logical(victim))), 1, 0));
                layout.swapPositions(global, victim);
            }
            pending = waiting;
        }
        layouts.add(layout.copy());
        return new MpiPlan(numQubits, realLocal, gates, steps, actions, layouts);
    }

    /** The local position, not used by the gate, whose qubit is next needed furthest ahead (ties: the highest position). */
    private static int victim(QubitLayout layout, int[] gateQubits, NextUse next, int at) {
        int best = -1;
        long bestNext = -1;
        for (int p = layout.local - 1; p >= 0; p--) {
            int q = layout.logical(p);
            boolean used = false;
            for (int g : gateQubits) used |= g == q;
            if (used) continue;
            long n = next.after(q, at);
            if (n > bestNext) {
                best = p;
                bestNext = n;
            }
        }
        return best;
    }

    private static void flush(List<Operation.GateOp> batch, List<Operation.GateOp> logical, QubitLayout layout, int local, int realLocal,
                              Engine localEngine, List<Action> actions, List<QubitLayout> layouts, List<Step> steps) {
        if (batch.isEmpty()) return;
        Plan p = localEngine.compile(local, batch);
        layouts.add(layout.copy());
        actions.add(new Action(-1, -1, p));
        List<String> blocks = new ArrayList<>();
        for (Step s : p.steps()) blocks.add(s.kind() + " of " + s.gates().size() + " gate(s) on each " + local + "-qubit block of the slice, " + s.passes() + " pass(es)");
        // The plan runs on each of the slice's 2^(realLocal − local) blocks: that many times the work of one.
        long perSlice = 1L << (realLocal - local);
        steps.add(new Step(logical, "local", blocks, (int) p.passes(), p.modelledCost() * perSlice));
        batch.clear();
        logical.clear();
    }

    /** For each qubit, the indices of the gates that use it, to find its next use after a gate. */
    private static final class NextUse {
        private final int[][] uses;
        private final int[] cursor;

        NextUse(int numQubits, List<Operation.GateOp> gates) {
            int[] count = new int[numQubits];
            for (Operation.GateOp g : gates) for (int q : g.qubits()) count[q]++;
            uses = new int[numQubits][];
            for (int q = 0; q < numQubits; q++) uses[q] = new int[count[q]];
            int[] fill = new int[numQubits];
            for (int i = 0; i < gates.size(); i++) for (int q : gates.get(i).qubits()) uses[q][fill[q]++] = i;
            cursor = new int[numQubits];
        }

        /** Index of the first gate after {@code at} using {@code q}, or Long.MAX_VALUE (calls come with non-decreasing {@code at}). */
        long after(int q, int at) {
            int[] u = uses[q];
            while (cursor[q] < u.length && u[cursor[q]] <= at) cursor[q]++;
            return cursor[q] < u.length ? u[cursor[q]] : Long.MAX_VALUE;
        }
    }

    /** Swaps inside the slice the plan makes (a pass over the slice each, no messages). */
    public int localSwaps() { return localSwaps; }

    /** Number of exchanges between ranks the plan makes (each moves half of every rank's slice). */
    public int exchanges() { return exchanges; }

    @Override public int numQubits() { return numQubits; }

    @Override public List<Operation.GateOp> gates() { return gates; }

    @Override public List<Step> steps() { return steps; }

    @Override public String engine() { return "mpi"; }
}
