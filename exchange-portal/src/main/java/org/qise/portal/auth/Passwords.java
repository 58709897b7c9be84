package org.qise.portal.auth;

import java.nio.charset.StandardCharsets;
import org.mindrot.jbcrypt.BCrypt;
import org.qise.portal.PortalException;

/**
 * Password policy and bcrypt hashing. The policy follows OWASP ASVS 5.0: at least 8
 * characters, not on a list of common passwords, and no composition rules (no demands for
 * digits or capitals, which only push people towards "Password1!").
 *
 * <p>bcrypt only reads the first 72 bytes of a password, so longer ones are refused rather
 * than silently truncated. Verification never throws: a malformed stored hash is simply a
 * failed login. Checking an unknown account runs against a dummy hash of the same cost, so
 * the response time does not reveal which emails are registered.
 */
public final class Passwords {
    public static final int MIN_CHARS = 8;
    public static final int MAX_BYTES = 72;

    private final int cost;
    private final String dummyHash;

    public Passwords(int cost) {
        this.cost = cost;
        this.dummyHash = BCrypt.hashpw("not a real password, only spends time", BCrypt.gensalt(cost));
    }

    /** Throws a 400 naming the rule a new password breaks. */
    public static void checkPolicy(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARS) {
            throw PortalException.badRequest("password must have at least " + MIN_CHARS + " characters");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw PortalException.badRequest("password is " + bytes + " bytes in UTF-8; at most " + MAX_BYTES
                    + " are allowed (bcrypt ignores anything longer)");
        }
        if (CommonPasswords.contains(password)) {
            throw PortalException.badRequest("this password is on the list of common passwords that are tried first;"
                    + " choose another (a few unrelated words make a good one)");
        }
    }

    /** A bcrypt hash of a password that passes {@link #checkPolicy}. */
    public String hash(String password) {
        checkPolicy(password);
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    /**
     * Whether the password matches the stored hash. A null hash (unknown account) is checked
     * against the dummy hash and always fails.
     */
    public boolean verify(String password, String storedHash) {
        String candidate = password == null ? "" : password;
        boolean tooLong = candidate.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
        if (storedHash == null || tooLong) {
            safeCheck(candidate, dummyHash);
            return false;
        }
        return safeCheck(candidate, storedHash);
    }

    private static boolean safeCheck(String password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }
}
