package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.qasm.QasmParser;
import org.qise.sim.Manifest;

/**
 * Push matching finds a circuit by the SHA-256 of its canonical text at any age, among the
 * circuits the pusher may see, including versions stored before the hash column existed.
 */
class CanonicalLookupTest {
    private static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";
    /** The same circuit written differently: the canonical text, hence the hash, is the same. */
    private static final String BELL_SPACED = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n\nqreg q[2];\nh   q[0];\ncx q[0], q[1];\n";

    @Test
    void anOldCircuitIsFoundBehindHundredsOfNewerOnesAndOnlyByThoseWhoMaySeeIt() throws Exception {
        try (TestPortal portal = TestPortal.start()) {
            var service = portal.server.services().circuits();
            var alice = portal.user("alice@example.org", Role.FELLOW, null);
            var bob = portal.user("bob@example.org", Role.FELLOW, null);
            long bell = service.create(alice, new CircuitDraft("bell", "", BELL, Visibility.PRIVATE, List.of()));
            for (int i = 0; i < 250; i++) {
                service.create(alice, new CircuitDraft("filler " + i, "", "OPENQASM 2.0;\nqreg q[1];\nU(0,0," + i + ") q[0];\n",
                        Visibility.PRIVATE, List.of()));
            }
            String sha = Manifest.sha256(Manifest.canonicalText(QasmParser.parse(BELL_SPACED, "pushed.qasm")));
            assertEquals(new CircuitService.VersionRef(bell, 1), service.findByCanonicalSha256(alice, sha).orElseThrow());
            assertTrue(service.findByCanonicalSha256(bob, sha).isEmpty(), "alice's private circuit is not bob's to match");

            // Versions written before V30 have no hash; the start-up backfill computes it.
            portal.server.services().database().jdbc().update("UPDATE circuit_versions SET canonical_sha256 = NULL");
            assertTrue(service.findByCanonicalSha256(alice, sha).isEmpty());
            assertEquals(251, service.backfillCanonicalHashes());
            assertEquals(new CircuitService.VersionRef(bell, 1), service.findByCanonicalSha256(alice, sha).orElseThrow());
        }
    }
}
