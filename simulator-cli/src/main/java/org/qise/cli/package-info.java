/**
 * The {@code qise} command line. {@link org.qise.cli.QiseMain} wires the picocli subcommands
 * ({@code run}, {@code draw}, {@code export}, {@code version}) and maps failures to exit codes:
 * a {@code UserError} (bad file, malformed OpenQASM, bad option) is one {@code qise: error:}
 * paragraph and exit 2; anything unexpected is exit 1 with a hint at {@code QISE_DEBUG=1}.
 * Commands are thin: they read the circuit ({@code CircuitSource}), call the simulator or the
 * drawings, and format ({@code RunReport}).
 */
package org.qise.cli;
