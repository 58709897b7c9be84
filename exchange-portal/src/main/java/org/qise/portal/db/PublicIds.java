package org.qise.portal.db;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Public identifiers of circuits, versions and runs: 12 characters of Crockford's base-32
 * alphabet (lower case, without i, l, o, u), 60 random bits. They stand in URLs, the API and
 * citations instead of the integer ids, which stay internal: an integer id can be handed out
 * again after an older backup is restored, a random one in practice never (two ids agree with
 * probability 2^-60, and a unique index refuses even that). Rows from before V31 got
 * deterministic ids of the same shape (see that migration).
 */
public final class PublicIds {
    static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    public static final int LENGTH = 12;
    private static final Pattern SHAPE = Pattern.compile("[0-9a-hjkmnp-tv-z]{" + LENGTH + "}");
    private static final Pattern LEGACY = Pattern.compile("[0-9]{1,18}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PublicIds() {}

    /** A fresh random public id. */
    public static String random() {
        long bits = RANDOM.nextLong();
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(out);
    }

    /** Whether the text has the shape of a public id (it may still name nothing). */
    public static boolean isPublicId(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** Whether the text is an old integer id, as URLs carried before public ids (they redirect). */
    public static boolean isLegacyId(String text) {
        return text != null && LEGACY.matcher(text).matches();
    }

    // ---- ids of rows made before public ids (the same formulas as migration V31) ----

    private static final long P = 1_073_741_789L;

    /** Six base-32 characters of a number below 2^30, least significant first. */
    private static String six(long h) {
        StringBuilder out = new StringBuilder(6);
        for (int k = 0; k < 6; k++) out.append(ALPHABET.charAt((int) ((h >> (5 * k)) & 31)));
        return out.toString();
    }

    private static long mix(long id, long a, long b) {
        return (Math.floorMod(id, P) * a + b) % P;
    }

    /** The id V31 gives the circuit with this integer id. */
    public static String derivedCircuit(long id) {
        return six(mix(id, 1103515245L, 12345L)) + six(mix(id, 1664525L, 1013904223L));
    }

    /** The id V31 gives this version of the circuit with this integer id. */
    public static String derivedVersion(long circuitId, int version) {
        return six(mix(circuitId, 69069L, 362437L)) + six((version + Math.floorMod(circuitId, P) * 1566083941L) % (1L << 30));
    }

    /** The id V31 gives the run with this integer id. */
    public static String derivedRun(long id) {
        return six(mix(id, 214013L, 2531011L)) + six(mix(id, 22695477L, 1L));
    }

    /**
     * Gives rows without a public id the one V31 would have given them: rows copied in after
     * the migration ran, by {@code import-h2} from a database that predates public ids. Returns
     * how many were filled.
     */
    public static int fillMissing(Jdbc jdbc) {
        int filled = 0;
        for (long id : jdbc.query("SELECT id FROM circuits WHERE public_id IS NULL", rs -> rs.getLong(1))) {
            filled += jdbc.update("UPDATE circuits SET public_id = ? WHERE id = ?", derivedCircuit(id), id);
        }
        record Version(long circuitId, int version) {}
        for (Version v : jdbc.query("SELECT circuit_id, version FROM circuit_versions WHERE public_id IS NULL",
                rs -> new Version(rs.getLong(1), rs.getInt(2)))) {
            filled += jdbc.update("UPDATE circuit_versions SET public_id = ? WHERE circuit_id = ? AND version = ?",
                    derivedVersion(v.circuitId(), v.version()), v.circuitId(), v.version());
        }
        for (long id : jdbc.query("SELECT id FROM runs WHERE public_id IS NULL", rs -> rs.getLong(1))) {
            filled += jdbc.update("UPDATE runs SET public_id = ? WHERE id = ?", derivedRun(id), id);
        }
        return filled;
    }
}
