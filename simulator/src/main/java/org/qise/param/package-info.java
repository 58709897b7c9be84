/**
 * Symbolic circuit parameters: {@link org.qise.param.Expression} angles such as
 * {@code 2*theta + phi} that gates carry until a circuit is
 * {@linkplain org.qise.circuit.Circuit#bind bound}. This package depends on nothing else in
 * QISE, so the circuit model can use it.
 */
package org.qise.param;
