/**
 * OpenQASM 2.0 import and export.
 *
 * <p>{@link org.qise.qasm.QasmParser} reads a program into a {@link org.qise.circuit.Circuit}:
 * {@code Lexer} makes tokens, {@code ProgramParser} walks the statements (recursive descent),
 * {@code ExpressionParser} reads parameter expressions, and {@code GateExpander} inlines
 * user-defined gates into library gates while counting steps against {@link org.qise.qasm.ParseLimits}.
 * {@code include "qelib1.inc"} is built in, so no file is ever read.
 *
 * <p>{@link org.qise.qasm.QasmExporter} writes a circuit back as canonical text that reads back
 * to an equal circuit; {@code AngleFormat} prints parameters so they parse to the same double.
 */
package org.qise.qasm;
