package org.qise.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before Spark sees it: Spark's own answer to a typo is a stack trace,
 * and to a standalone master that is down a minute of retries; this says what is wrong at once.
 */
final class SparkMasters {
    private SparkMasters() {}

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?|local-cluster\\[\\d+,\\d+,\\d+]");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^,/:]+:\\d+)(,[^,/:]+:\\d+)*");
    private static final int CONNECT_TIMEOUT_MS = 3000;

    /** @throws IllegalArgumentException for a URL Spark would not accept, or a standalone master nobody answers at */
    static void check(String master) {
        if (LOCAL.matcher(master).matches() || master.equals("yarn") || master.startsWith("k8s://")) return;
        if (STANDALONE.matcher(master).matches()) {
            for (String hostPort : master.substring("spark://".length()).split(",")) reachable(master, hostPort);
            return;
        }
        throw new IllegalArgumentException("'" + master + "' is not a Spark master URL; use local[N] (N threads in this process), "
                + "spark://HOST:PORT (a standalone cluster), yarn or k8s://https://HOST:PORT");
    }

    private static void reachable(String master, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot reach the Spark master " + master + " at " + hostPort + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " (is the master running, and the address right?)");
        }
    }
}
