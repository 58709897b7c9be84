package org.qise.noise;

/**
 * Bad noise input: a channel that is not trace preserving, a probability outside [0, 1],
 * T2 above 2·T1, a noise-model file with an unknown key (the message names its JSON path), a
 * model naming a qubit the circuit lacks. The message is meant for the person who wrote it.
 */
public class NoiseException extends IllegalArgumentException {
    public NoiseException(String message) {
        super(message);
    }
}
