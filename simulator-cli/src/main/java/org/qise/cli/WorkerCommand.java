package org.qise.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code qise worker}: listed here so that {@code qise --help} shows it. A run worker belongs to
 * the exchange portal (it uses the portal's database and run code), and the {@code ./qise}
 * launcher starts it directly; this command is reached only when the simulator's jar is run by
 * hand, and then says how to start a worker.
 */
@Command(name = "worker", description = "Run the exchange portal's queued runs in a separate process, e.g."
        + " qise worker --database jdbc:postgresql://host/qise (see qise worker --help).")
final class WorkerCommand implements Callable<Integer> {
    /** Whatever worker options were given: they belong to the portal's worker program. */
    @Unmatched
    List<String> workerArguments = new ArrayList<>();

    @Override
    public Integer call() {
        throw new UserError("the run worker is part of the portal in exchange-portal/: start it with the ./qise launcher,"
                + " e.g. ./qise worker --database jdbc:postgresql://host/qise (it runs org.qise.portal.WorkerMain with the"
                + " portal's jars)");
    }
}
