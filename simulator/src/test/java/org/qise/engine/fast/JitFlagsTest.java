package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitFlagsTest {
    @Test
    void theTestJvmRunsWithTheTrapLimitTheEngineNeeds() {
        // The build's qise.jvm.flags give every test JVM the flag, as the qise command gives it to every run.
        assertEquals(JitFlags.TRAP_LIMIT_VALUE, JitFlags.trapLimit().orElseThrow(),
                "surefire's argLine should carry " + JitFlags.TRAP_LIMIT);
        assertTrue(JitFlags.lowTrapLimitNote().isEmpty(), "no warning where the limit is set");
    }

    @Test
    void theOptionNamesHotSpotsFlagWithItsValue() {
        assertEquals("-XX:PerMethodTrapLimit=100000", JitFlags.TRAP_LIMIT);
        assertTrue(JitFlags.TRAP_LIMIT_VALUE >= JitFlags.ENOUGH, "the flag the launchers give must not itself draw the warning");
    }
}
