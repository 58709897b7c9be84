package org.qise.portal.auth;

import java.util.Locale;
import org.qise.portal.PortalException;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/** Checks email and password, with throttling and an audit trail. */
public final class AuthService {
    private final UserService users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public AuthService(UserService users, Passwords passwords, LoginThrottle throttle, AuditLog audit) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * The user with these credentials. Throws 429 while throttled, 401 for a wrong email or
     * password (the same message for both), 403 for a disabled account with the right password.
     */
    public User login(String email, String password, String client) {
        String key = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        throttle.check(key, client);
        var creds = users.credentials(key);
        boolean ok = passwords.verify(password, creds.map(UserService.Credentials::passwordHash).orElse(null));
        if (!ok) {
            throttle.recordFailure(key, client);
            audit.record(creds.map(c -> c.user().id()).orElse(null), "login-failed", key, client);
            throw PortalException.unauthorized("wrong email or password");
        }
        User user = creds.get().user();
        if (user.disabled()) {
            audit.record(user.id(), "login-refused-disabled", key, client);
            throw PortalException.forbidden("this account has been disabled; ask an admin");
        }
        throttle.recordSuccess(key);
        audit.record(user.id(), "login", key, client);
        return user;
    }
}
