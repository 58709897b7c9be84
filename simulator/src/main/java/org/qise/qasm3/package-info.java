/**
 * OpenQASM 3: {@link org.qise.qasm3.Qasm3Reader} reads a program into a
 * {@link org.qise.circuit.Circuit} (lexer, recursive-descent parser, and an interpreter that
 * unrolls what is known while reading and keeps the measurement-dependent rest as a dynamic
 * block run shot by shot); {@link org.qise.qasm3.Qasm3Exporter} writes circuits back as
 * canonical OpenQASM 3. {@code org.qise.qasm.QasmParser} hands sources with an
 * {@code OPENQASM 3} header here. See docs/openqasm3.md.
 */
package org.qise.qasm3;
