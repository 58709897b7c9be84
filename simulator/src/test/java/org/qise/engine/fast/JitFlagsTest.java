package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.circuit.Matrix;

class JitFlagsTest {
    @Test
    void theTestJvmRunsWithTheTrapLimitTheEngineNeeds() {
        // The build's qise.jvm.flags give every test JVM the flag, as the qise command gives it to every run.
        assertEquals(JitFlags.TRAP_LIMIT_VALUE, JitFlags.trapLimit().orElseThrow(),
                "surefire's argLine should carry " + JitFlags.TRAP_LIMIT);
        assertTrue(JitFlags.lowTrapLimitNote().isEmpty(), "no warning where the limit is set");
    }

    @Test
    void theTestJvmKeepsKernelsOffTierTwoSoTheTwoGroupKernelsRun() {
        assertTrue(JitFlags.tier2Avoided(), "surefire's argLine should carry " + JitFlags.NO_TIER2);
        assertTrue(JitFlags.tier2Note().isEmpty(), "no note where the flag is set");
        assertTrue(FloatDenseKernels.of(12, Matrix.identity(4), new int[]{4, 9}) instanceof FloatDenseKernels.Q2Uniform.TwoGroups);
    }

    @Test
    void theOptionsNameHotSpotsFlagsWithTheirValues() {
        assertEquals("-XX:Tier3DelayOn=1000000", JitFlags.NO_TIER2);
        assertEquals(java.util.List.of(JitFlags.TRAP_LIMIT, JitFlags.NO_TIER2), JitFlags.FLAGS);
    }

    @Test
    void theOptionNamesHotSpotsFlagWithItsValue() {
        assertEquals("-XX:PerMethodTrapLimit=100000", JitFlags.TRAP_LIMIT);
        assertTrue(JitFlags.TRAP_LIMIT_VALUE >= JitFlags.ENOUGH, "the flag the launchers give must not itself draw the warning");
    }
}
