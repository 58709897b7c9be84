package org.qise;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The QISE version this build carries (from the Maven project version). */
public final class Version {
    private Version() {}

    private static final String VERSION = load();

    public static String get() { return VERSION; }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
