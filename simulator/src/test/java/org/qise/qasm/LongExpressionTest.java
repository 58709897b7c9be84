package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;

/**
 * Long expressions, as untrusted input may contain them: a chain of 100,000 terms is read and
 * evaluated without recursing per term, and deep nesting is refused at the limit. Each parse
 * runs on a thread with 1 MiB of stack, the JVM's default for new threads on 64-bit Linux (web
 * server threads get no more), so a parser that recursed once per term would fail here even
 * though the test JVM is started with a larger stack.
 */
class LongExpressionTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\n";
    private static final long SMALL_STACK = 1024 * 1024;

    /** Runs {@code work} on a fresh thread with a small stack and returns its result or rethrows what it threw. */
    private static <T> T onSmallStack(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        if (failure.get() instanceof RuntimeException e) throw e;
        if (failure.get() instanceof Error e) throw e;
        return result.get();
    }

    private static double angleOf(String expression) throws InterruptedException {
        Circuit c = onSmallStack(() -> QasmParser.parse(HEADER + "rx(" + expression + ") q[0];\n", "long.qasm"));
        return ((Operation.GateOp) c.operations().getFirst()).gate().param(0);
    }

    /** {@code n} copies of {@code term} joined by {@code op}. */
    private static String chain(String term, String op, int n) {
        return String.join(op, java.util.Collections.nCopies(n, term));
    }

    @ParameterizedTest(name = "{0} × ''{1}'' joined by ''{2}'' = {3}")
    @CsvSource(delimiter = '|', value = {
            // the reproducer: 8,000 terms overflowed the stack
            "8000   | 1   | +  | 8000",
            "100000 | 1   | +  | 100000",
            "100000 | 1   | -  | -99998",       // 1 − 1 − … − 1 = 1 − 99,999
            "100000 | 1   | *  | 1",
            "100000 | 1   | /  | 1",
            "100000 | 2*1 | +  | 200000",       // a sum of products
            "100000 | -1  | +  | -100000",      // unary minus on every term
            "100000 | (1) | +  | 100000",       // parenthesised terms
    })
    void longChainsOfOneOperatorEvaluateToTheirClosedForm(int n, String term, String op, double expected) throws Exception {
        assertEquals(expected, angleOf(chain(term, op, n)), 0);
    }

    @Test
    void alternatingSignsSumExactlyInIntegerArithmetic() throws Exception {
        // 1 + 2 − 3 + 4 − 5 …: every partial sum is an integer below 2^53, so double arithmetic is exact
        StringBuilder text = new StringBuilder("1");
        long expected = 1;
        for (int k = 2; k <= 100_000; k++) {
            boolean plus = k % 2 == 0;
            text.append(plus ? "+" : "-").append(k);
            expected += plus ? k : -k;
        }
        assertEquals((double) expected, angleOf(text.toString()), 0);
    }

    @Test
    void aLongChainInsideAGateBodyEvaluatesWhenTheGateIsApplied() throws Exception {
        String body = chain("t", "+", 100_000);
        Circuit c = onSmallStack(() -> QasmParser.parse(HEADER + "gate g(t) a { rx(" + body + ") a; }\ng(0.5) q[0];\n", "body.qasm"));
        assertEquals(50_000.0, ((Operation.GateOp) c.operations().getFirst()).gate().param(0), 0);
    }

    @Test
    void hundredThousandDeepParenthesesAreRefusedAtTheLimitWithTheirPosition() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        QasmException e = assertThrows(QasmException.class, () -> angleOf(deep));
        // line 4, column 4 + 200: the 201st '(' is where the nesting passes 200
        assertEquals("long.qasm:4:204: expression nests more than 200 levels deep", e.getMessage());
    }

    @Test
    void deepNestingInsideALongChainIsStillCounted() {
        String text = chain("1", "+", 50_000) + "+" + "(".repeat(300) + "1" + ")".repeat(300);
        QasmException e = assertThrows(QasmException.class, () -> angleOf(text));
        assertTrue(e.getMessage().contains("expression nests more than 200 levels deep"), e.getMessage());
        assertEquals(4, e.line());
    }
}
