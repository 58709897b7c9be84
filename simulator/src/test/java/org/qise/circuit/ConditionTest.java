package org.qise.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A condition reads its register as an unsigned integer of any width, element 0 least significant. */
class ConditionTest {

    @ParameterizedTest(name = "{0}-bit register at offset 3")
    @ValueSource(ints = {1, 63, 64, 65, 128, 1000})
    void holdsExactlyWhenTheRegisterReadsAsTheValue(int width) {
        Random rnd = new Random(width);
        Register reg = new Register(Register.Kind.CLASSICAL, "c", 3, width);
        for (int trial = 0; trial < 50; trial++) {
            boolean[] bits = new boolean[3 + width + 2];
            for (int i = 0; i < bits.length; i++) bits[i] = rnd.nextBoolean();
            // the reference: the register's bits summed as powers of two
            BigInteger reading = BigInteger.ZERO;
            for (int i = 0; i < width; i++) if (bits[3 + i]) reading = reading.add(BigInteger.TWO.pow(i));
            assertEquals(true, new Condition(reg, reading).holds(bits));
            BigInteger other = reading.flipBit(rnd.nextInt(width));
            assertEquals(false, new Condition(reg, other).holds(bits), "differs in one bit from " + reading);
        }
    }

    @ParameterizedTest(name = "{1} on a {0}-bit register")
    @CsvSource({"2, 5, 3", "1, 2, 2", "64, 18446744073709551616, 65"})
    void aValueWiderThanTheRegisterIsRefused(int width, String value, int bitsNeeded) {
        Register reg = new Register(Register.Kind.CLASSICAL, "c", 0, width);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Condition(reg, new BigInteger(value)));
        assertEquals("register c has " + width + " bit" + (width == 1 ? "" : "s") + ", so it can never equal " + value
                + " (which needs " + bitsNeeded + " bits)", e.getMessage());
    }
}
