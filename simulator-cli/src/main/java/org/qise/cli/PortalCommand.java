package org.qise.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code qise portal}: listed here so that {@code qise --help} shows it. The portal is its own
 * program in exchange-portal/ (it needs the web server and database, which the simulator does
 * not), and the {@code ./qise} launcher starts it directly, so this command is reached only when
 * the simulator's jar is run by hand; it then says how to start the portal.
 */
@Command(name = "portal", description = "Start the exchange portal web server, e.g. qise portal --demo (see qise portal --help).")
final class PortalCommand implements Callable<Integer> {
    /** Whatever portal options were given: they belong to the portal program. */
    @Unmatched
    List<String> portalArguments = new ArrayList<>();

    @Override
    public Integer call() {
        throw new UserError("the portal is a separate program in exchange-portal/: start it with the ./qise launcher,"
                + " e.g. ./qise portal --demo (it runs org.qise.portal.PortalMain with the portal's jars)");
    }
}
