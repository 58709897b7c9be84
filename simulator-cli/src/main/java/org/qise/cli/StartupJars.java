package org.qise.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Makes the runtime jars fit for the JVM's ahead-of-time cache, which the build makes for the
 * {@code qise} launcher ({@link StartupCache}; see docs/engine.md, start-up).
 *
 * <p>Why: the cache leaves out every class whose class file predates Java 6 (major version
 * below 50, "old classes": they are verified by the old type-inferring verifier, which the
 * cache cannot record). picocli is compiled for Java 5, so all of its ~230 classes were loaded,
 * parsed and verified from the jar on every run, the largest part of a small run's start-up.
 * This rewrites such classes as Java 8 class files (version 52) with the stack-map frames the
 * modern verifier needs, computed by the JDK's class-file API; the bytecode is otherwise
 * unchanged. Jars without old classes are copied as they are.
 *
 * <p>Usage (by {@link StartupCache}): {@code java -cp qise-cli.jar org.qise.cli.StartupJars FROM_DIR TO_DIR}.
 */
public final class StartupJars {
    /** The first class-file version the cache accepts (Java 6); older ones are rewritten. */
    static final int FIRST_CACHEABLE_MAJOR = 50;
    /** The version rewritten classes get: Java 8, whose verifier needs stack maps and nothing newer. */
    static final int REWRITTEN_MAJOR = 52;

    private StartupJars() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StartupJars FROM_DIR TO_DIR");
            System.exit(2);
        }
        Path from = Path.of(args[0]), to = Path.of(args[1]);
        Files.createDirectories(to);
        try (var jars = Files.list(from)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                rewrite(jar, to.resolve(jar.getFileName()));
            }
        }
    }

    /**
     * Writes {@code out}: {@code in} with its pre-Java-6 classes rewritten; returns how many were.
     * The jar is written to a temporary name and moved into place, so a half-written jar never
     * stands under the real name.
     */
    static int rewrite(Path in, Path out) throws IOException {
        List<String> old = new ArrayList<>();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (URLClassLoader jarLoader = new URLClassLoader(new URL[]{in.toUri().toURL()}, null)) {
            // Stack maps name the common super type of merged branches, so the rewriter must see
            // the jar's own class hierarchy as well as the JDK's.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(jarLoader))));
            try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
                 OutputStream raw = Files.newOutputStream(tmp);
                 ZipOutputStream zout = new ZipOutputStream(raw)) {
                for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                    byte[] bytes = zin.readAllBytes();
                    if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                        ClassModel model = classFile.parse(bytes);
                        if (model.majorVersion() < FIRST_CACHEABLE_MAJOR) {
                            bytes = modernise(classFile, model);
                            old.add(e.getName());
                        }
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    if (e.getLastModifiedTime() != null) copy.setLastModifiedTime(e.getLastModifiedTime());
                    zout.putNextEntry(copy);
                    zout.write(bytes);
                    zout.closeEntry();
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return old.size();
    }

    /** The class as a version-52 class file; rebuilding every method body makes the API compute its frames. */
    static byte[] modernise(ClassFile classFile, ClassModel model) {
        ClassTransform version = (builder, element) -> {
            if (element instanceof ClassFileVersion) builder.withVersion(REWRITTEN_MAJOR, 0);
            else builder.with(element);
        };
        return classFile.transformClass(model, version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
    }
}
