package org.qise.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a library and its runtime dependencies in the local Maven repository (~/.m2/repository)
 * for {@code %maven group:artifact:version}. It never downloads: a classroom may be offline,
 * and a kernel that hangs on the network is worse than one that says what to fetch.
 *
 * <p>Dependencies are read from each pom's {@code <dependencies>}: compile and runtime scope,
 * not optional, with versions written out or given by the pom's own properties. Versions that
 * come from a parent's dependency management are not followed; such a dependency is reported
 * so that it can be added with its own {@code %maven}.
 */
final class MavenLocal {
    private static final Pattern COORDINATES = Pattern.compile("([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+)");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** The jars found, and the dependencies that could not be followed (with why). */
    record Resolution(List<Path> jars, List<String> skipped) {}

    private final Path repository;

    MavenLocal(Path repository) {
        this.repository = repository;
    }

    /** The local repository: -Dmaven.repo.local, else $QISE_MAVEN_REPO, else ~/.m2/repository. */
    static MavenLocal standard() {
        String configured = System.getProperty("maven.repo.local", System.getenv("QISE_MAVEN_REPO"));
        return new MavenLocal(configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /**
     * The jar for {@code coordinates} (group:artifact:version) and its dependencies.
     *
     * @throws MagicException when the coordinates are malformed or the jar is not in the repository
     */
    Resolution resolve(String coordinates) throws MagicException {
        Matcher m = COORDINATES.matcher(coordinates);
        if (!m.matches()) {
            throw new MagicException("%maven: '" + coordinates + "' is not group:artifact:version (e.g. org.apache.commons:commons-math3:3.6.1)");
        }
        Set<Path> jars = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        Path jar = jarOf(m.group(1), m.group(2), m.group(3));
        if (!Files.isRegularFile(jar)) {
            throw new MagicException("%maven: " + coordinates + " is not in the local Maven repository (" + repository
                    + "); the kernel does not download. Fetch it once, with a network, by running:"
                    + " mvn dependency:get -Dartifact=" + coordinates);
        }
        collect(m.group(1), m.group(2), m.group(3), jars, skipped, new LinkedHashSet<>());
        return new Resolution(List.copyOf(jars), skipped);
    }

    private Path folderOf(String group, String artifact, String version) {
        return repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    }

    private Path jarOf(String group, String artifact, String version) {
        return folderOf(group, artifact, version).resolve(artifact + "-" + version + ".jar");
    }

    private void collect(String group, String artifact, String version, Set<Path> jars, List<String> skipped, Set<String> seen) {
        String key = group + ":" + artifact;
        if (!seen.add(key)) return;
        Path jar = jarOf(group, artifact, version);
        if (!Files.isRegularFile(jar)) {
            skipped.add(key + ":" + version + " (not in the local repository)");
            return;
        }
        jars.add(jar);
        Path pom = folderOf(group, artifact, version).resolve(artifact + "-" + version + ".pom");
        String text;
        try {
            text = Files.readString(pom);
        } catch (IOException e) {
            return; // no pom: a jar without declared dependencies
        }
        Map<String, String> properties = properties(text, group, version);
        String dependencies = section(text.replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", ""), "dependencies");
        Matcher d = DEPENDENCY.matcher(dependencies);
        while (d.find()) {
            String body = d.group(1);
            String scope = section(body, "scope").strip();
            if (section(body, "optional").strip().equals("true") || !(scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"))) {
                continue;
            }
            String g = substitute(section(body, "groupId").strip(), properties);
            String a = section(body, "artifactId").strip();
            String v = substitute(section(body, "version").strip(), properties);
            if (v.isEmpty() || v.contains("${") || v.startsWith("[") || v.startsWith("(")) {
                skipped.add(g + ":" + a + " (its version is managed by a parent pom; add it with its own %maven)");
                continue;
            }
            collect(g, a, v, jars, skipped, seen);
        }
    }

    private static Map<String, String> properties(String pom, String group, String version) {
        Map<String, String> properties = new HashMap<>();
        Matcher p = Pattern.compile("<([\\w.\\-]+)>([^<]*)</\\1>").matcher(section(pom, "properties"));
        while (p.find()) properties.put(p.group(1), p.group(2).strip());
        properties.put("project.version", version);
        properties.put("pom.version", version);
        properties.put("project.groupId", group);
        return properties;
    }

    private static String substitute(String value, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
        }
        return m.appendTail(out).toString();
    }

    /** The text inside the first {@code <tag>…</tag>}, or "". */
    private static String section(String xml, String tag) {
        int start = xml.indexOf("<" + tag + ">");
        if (start < 0) return "";
        int end = xml.indexOf("</" + tag + ">", start);
        return end < 0 ? "" : xml.substring(start + tag.length() + 2, end);
    }
}
