package org.qise.portal.bench;

import java.net.URI;
import java.net.http.*;
import java.nio.file.Files;
import java.time.Duration;
import org.qise.portal.*;
import org.qise.portal.people.*;

/**
 * Measures the run page of a 300 000-shot run on 20 qubits (counts paged) against the full
 * downloads. Run as {@link DiagramSize} says, with this file.
 */
public class RunPageSize {
    public static void main(String[] a) throws Exception {
        var dir = Files.createTempDirectory("qise-measure-");
        var cfg = PortalConfig.defaults(dir).withPort(0).withBcryptCost(PortalConfig.MIN_BCRYPT_COST);
        try (PortalServer s = PortalServer.create(cfg)) {
            int port = s.start();
            User u = s.services().users().createUser(new UserService.Registration("m@example.org", "measure passphrase", "M", "U", "CH"), Role.FELLOW, null);
            String token = s.services().tokens().create(u.id(), "m");
            StringBuilder q = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[20];\ncreg c[20];\n");
            for (int i = 0; i < 20; i++) q.append("h q[").append(i).append("];\n");
            q.append("measure q -> c;\n");
            long id = s.services().circuits().create(u, new org.qise.portal.circuits.CircuitDraft("Wide", "", q.toString(),
                    org.qise.portal.circuits.Visibility.PUBLIC, java.util.List.of()));
            long run = s.services().runs().submit(u, id, new org.qise.portal.runs.RunService.RunRequest(null, 300_000L, 1L, null, null));
            s.services().runs().awaitEnd(run, Duration.ofMinutes(5));
            var http = HttpClient.newHttpClient();
            var page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/runs/" + s.services().runs().publicId(run))).build(), HttpResponse.BodyHandlers.ofString());
            var json = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/runs/" + run)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            var csv = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/runs/" + run + "/counts.csv")).build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("300000 shots on 20 qubits: %d outcomes; run page %d bytes (status %d); counts.csv %d bytes; API JSON %d bytes%n",
                    s.services().runs().get(u, run).counts().size(), page.body().length(), page.statusCode(), csv.body().length(), json.body().length());
        }
    }
}
