package org.qise.portal.limits;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side of the capacity budget. A burst of hundreds of new connections must wait in the
 * kernel's accept queue rather than have their SYNs dropped (a dropped SYN is retried by the
 * client after 1, 3, 7 … s, which is where multi-second answers under load came from), and a
 * bounded pool of request threads works through them in arrival order. Database connections
 * are bounded separately (db.Database); a request that cannot get one in time gets 503.
 */
public final class ServerCapacity {
    /** Pending connections the kernel may hold for the server (capped by net.core.somaxconn). */
    public static final int ACCEPT_QUEUE = 1024;
    /**
     * Request threads; requests beyond wait in Jetty's queue in arrival order. Few threads on
     * purpose: requests are short and CPU-bound, and hundreds of threads sharing a few cores
     * make every answer slow (and the unluckiest very slow) instead of serving in order.
     */
    public static final int MAX_THREADS = 32;

    private ServerCapacity() {}

    public static void configure(JavalinConfig cfg, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("portal-http");
        cfg.jetty.threadPool = threads;
        cfg.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new TargetRecordingConnectionFactory(http));
            connector.setPort(port);
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            return connector;
        });
    }
}
