package org.qise.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The %-commands a cell may start lines with:
 * <ul>
 *   <li>{@code %classpath <jar, folder or folder/*> …} adds jars or class folders to the notebook;</li>
 *   <li>{@code %maven group:artifact:version …} adds a library and its dependencies from the
 *       local Maven repository (see {@link MavenLocal});</li>
 *   <li>{@code %time} reports how long the cell took;</li>
 *   <li>{@code %solution name} marks an exercise cell: when solutions are switched on
 *       ({@code QISE_SOLUTIONS} names the solutions folder), the cell runs
 *       {@code <folder>/name.jsh} instead of the student's code. Solutions thus live apart from
 *       the lessons, and an instructor hands out the course without that folder.</li>
 * </ul>
 */
final class Magics {
    /** A cell with its %-lines blanked out (so line numbers stay right) and what they asked for. */
    record Parsed(String code, List<Path> classpath, boolean timed, List<String> notes) {
        Parsed(String code, List<Path> classpath) {
            this(code, classpath, false, List.of());
        }
    }

    private static final String KNOWN = "the kernel knows %classpath <jar or folder>, %maven group:artifact:version, %time and %solution <name>";
    private static final java.util.regex.Pattern SOLUTION_NAME = java.util.regex.Pattern.compile("[\\w\\-/]+");

    /**
     * The solutions folder when solutions are switched on, else null. {@code QISE_SOLUTIONS=on}
     * (or 1, yes, true) means the course's own {@code notebooks/solutions} (launch.sh passes
     * where the notebooks folder is as {@code -Dqise.notebooks}); any other value is the folder.
     */
    static Path solutionsFolder() {
        String setting = System.getenv("QISE_SOLUTIONS");
        if (setting == null || setting.isBlank() || List.of("off", "0", "no", "false").contains(setting.strip().toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        if (List.of("on", "1", "yes", "true").contains(setting.strip().toLowerCase(java.util.Locale.ROOT))) {
            return Path.of(System.getProperty("qise.notebooks", "..")).resolve("solutions");
        }
        return Path.of(setting);
    }

    private Magics() {}

    /**
     * Reads the %-lines of a cell. Relative paths are resolved against {@code base}.
     *
     * @throws MagicException for an unknown command or a path that does not exist
     */
    static Parsed parse(String cell, Path base) throws MagicException {
        return parse(cell, base, MavenLocal.standard(), solutionsFolder());
    }

    static Parsed parse(String cell, Path base, MavenLocal maven) throws MagicException {
        return parse(cell, base, maven, null);
    }

    /** As {@link #parse(String, Path)}; {@code solutions} is null when solutions are off. */
    static Parsed parse(String cell, Path base, MavenLocal maven, Path solutions) throws MagicException {
        String[] lines = cell.split("\n", -1);
        List<Path> classpath = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean timed = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("%")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            String where = " (line " + (i + 1) + ")";
            switch (words[0]) {
                case "%classpath" -> { }
                case "%time" -> {
                    if (words.length > 1) {
                        throw new MagicException("%time stands alone on its line and times the whole cell" + where);
                    }
                    timed = true;
                    lines[i] = "";
                    continue;
                }
                case "%maven" -> {
                    if (words.length < 2) {
                        throw new MagicException("%maven needs group:artifact:version" + where);
                    }
                    for (String coordinates : words[1].split("\\s+")) {
                        MavenLocal.Resolution resolution = maven.resolve(coordinates);
                        classpath.addAll(resolution.jars().stream().filter(jar -> !classpath.contains(jar)).toList());
                        resolution.skipped().forEach(why -> notes.add("%maven " + coordinates + ": not added: " + why));
                    }
                    lines[i] = "";
                    continue;
                }
                case "%solution" -> {
                    if (words.length < 2 || !SOLUTION_NAME.matcher(words[1]).matches()) {
                        throw new MagicException("%solution needs the exercise's name (letters, digits, - and /)" + where);
                    }
                    if (solutions == null) {
                        lines[i] = "";
                        continue;
                    }
                    Path file = solutions.resolve(words[1] + ".jsh");
                    String solution;
                    try {
                        solution = Files.readString(file);
                    } catch (IOException e) {
                        throw new MagicException("%solution: solutions are switched on but " + file + " cannot be read" + where);
                    }
                    // The solution replaces the whole cell; earlier %-lines (e.g. %time) still apply.
                    Parsed rest = parse(solution, base, maven, null);
                    List<Path> all = new ArrayList<>(classpath);
                    all.addAll(rest.classpath());
                    return new Parsed(rest.code(), all, timed || rest.timed(), notes);
                }
                default -> throw new MagicException("unknown command " + words[0] + where + "; " + KNOWN);
            }
            if (words.length < 2) {
                throw new MagicException("%classpath needs a jar or folder" + where);
            }
            for (String entry : words[1].split("[\\s" + File.pathSeparator + "]+")) {
                classpath.addAll(expand(entry, base, where));
            }
            lines[i] = "";
        }
        return new Parsed(String.join("\n", lines), classpath, timed, notes);
    }

    /** The cell with every %-line turned into spaces, for analysis that must keep offsets. */
    static String blankOut(String cell) {
        String[] lines = cell.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("%")) {
                lines[i] = " ".repeat(lines[i].length());
            }
        }
        return String.join("\n", lines);
    }

    /** One entry: a jar, a class folder, or folder/* meaning every jar in that folder. */
    private static List<Path> expand(String entry, Path base, String where) throws MagicException {
        String spelled = entry.startsWith("~/") ? System.getProperty("user.home") + entry.substring(1) : entry;
        boolean allJars = spelled.endsWith("/*") || spelled.endsWith("/*.jar");
        Path path = base.resolve(allJars ? spelled.substring(0, spelled.lastIndexOf('/')) : spelled).normalize();
        if (!Files.exists(path)) {
            throw new MagicException("%classpath: " + entry + " does not exist" + where);
        }
        if (!allJars) {
            return List.of(path);
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new MagicException("%classpath: cannot list " + entry + ": " + e.getMessage() + where);
        }
        if (jars.isEmpty()) {
            throw new MagicException("%classpath: no jars in " + entry + where);
        }
        jars.sort(null);
        return jars;
    }
}
