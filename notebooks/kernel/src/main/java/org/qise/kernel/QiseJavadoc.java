package org.qise.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Javadoc of QISE's own classes for Shift-Tab. JShell finds documentation only in the JDK's
 * src.zip, so the build packs QISE's sources into the kernel jar (under {@value #ROOT}) and this
 * class reads the comment in front of the declaration a signature names.
 */
final class QiseJavadoc {
    static final String ROOT = "qise-sources/";
    private static final List<String> PACKAGES = List.of("org/qise/sim/", "org/qise/circuit/", "org/qise/draw/",
            "org/qise/notebook/", "org/qise/workshop/", "org/qise/qasm/", "org/qise/strange/", "org/qise/engine/");
    /** "ReturnType Owner.member(…" or "Owner(…" (a constructor). */
    private static final Pattern METHOD = Pattern.compile("(?:^|\\s)([\\w.]+)\\.(\\w+)\\(|^([A-Z]\\w*)\\(");
    private static final Pattern TYPE = Pattern.compile("^(?:[a-z]\\w*\\.)*([A-Z]\\w*)(?:\\.[A-Z]\\w*)*$");
    private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

    private QiseJavadoc() {}

    /** The Javadoc for a JShell documentation signature, if it names something of QISE's. */
    static Optional<String> forSignature(String signature) {
        String s = signature.strip();
        Matcher m = METHOD.matcher(s);
        String owner;
        String member;
        if (m.find()) {
            owner = m.group(1) != null ? m.group(1) : m.group(3);
            member = m.group(2) != null ? m.group(2) : m.group(3);
        } else {
            Matcher t = TYPE.matcher(s);
            if (!t.matches()) return Optional.empty();
            owner = s;
            member = null;
        }
        String[] parts = owner.split("\\.");
        String topLevel = null;
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                topLevel = part;
                break;
            }
        }
        if (topLevel == null) return Optional.empty();
        String simple = parts[parts.length - 1];
        Optional<String> source = source(topLevel);
        if (source.isEmpty()) return Optional.empty();
        Pattern declaration = member == null
                ? Pattern.compile("\\b(class|record|interface|enum)\\s+" + Pattern.quote(simple) + "\\b")
                : Pattern.compile("\\b" + Pattern.quote(member) + "\\s*\\(");
        return commentBefore(source.get(), declaration).map(QiseJavadoc::clean);
    }

    private static Optional<String> source(String topLevel) {
        for (String pkg : PACKAGES) {
            try (InputStream in = QiseJavadoc.class.getClassLoader().getResourceAsStream(ROOT + pkg + topLevel + ".java")) {
                if (in != null) return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first Javadoc comment whose declaration (the text up to its first { ; or =) matches. */
    private static Optional<String> commentBefore(String source, Pattern declaration) {
        Matcher c = COMMENT.matcher(source);
        while (c.find()) {
            int end = c.end();
            int stop = end;
            while (stop < source.length() && "{;=".indexOf(source.charAt(stop)) < 0) stop++;
            String declared = source.substring(end, stop);
            if (declared.contains("/**")) continue; // the comment belongs to nothing
            if (declaration.matcher(declared).find()) return Optional.of(c.group(1));
        }
        return Optional.empty();
    }

    /** The comment's text without its stars, with {@code …} and {@link …} as plain text. */
    static String clean(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) l = l.substring(1).strip();
            text.append(l).append('\n');
        }
        return text.toString().strip()
                .replaceAll("\\{@(?:code|link|linkplain|literal)\\s+([^}]*)}", "$1")
                .replaceAll("</?(p|em|b|i|ul|li|pre|code)>", "")
                .replaceAll("\n{3,}", "\n\n");
    }
}
