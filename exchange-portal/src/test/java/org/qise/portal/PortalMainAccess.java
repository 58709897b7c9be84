package org.qise.portal;

/** Runs the portal's command line in this JVM (its subcommands end, unlike the server). */
public final class PortalMainAccess {
    private PortalMainAccess() {}

    public static int execute(String... args) {
        return PortalMain.commandLine().execute(args);
    }
}
