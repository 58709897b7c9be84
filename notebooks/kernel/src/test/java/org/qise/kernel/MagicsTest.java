package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicsTest {
    @Test
    void classpathLinesBecomeBlankSoLineNumbersStay(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("a.jar"));
        Magics.Parsed parsed = Magics.parse("int a = 1;\n%classpath a.jar\nint b = 2;", dir);
        assertEquals("int a = 1;\n\nint b = 2;", parsed.code());
        assertEquals(List.of(jar), parsed.classpath());
    }

    @Test
    void folderStarMeansEveryJarInItInNameOrder(@TempDir Path dir) throws Exception {
        Path libs = Files.createDirectory(dir.resolve("libs"));
        Path b = Files.createFile(libs.resolve("b.jar"));
        Path a = Files.createFile(libs.resolve("a.jar"));
        Files.createFile(libs.resolve("notes.txt"));
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Magics.Parsed parsed = Magics.parse("%classpath libs/* classes", dir);
        assertEquals(List.of(a, b, classes), parsed.classpath());
    }

    @Test
    void mistakesNameTheLine(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("empty"));
        assertEquals("%classpath needs a jar or folder (line 2)",
                assertThrows(MagicException.class, () -> Magics.parse("int a;\n%classpath", dir)).getMessage());
        assertEquals("%classpath: no jars in empty/* (line 1)",
                assertThrows(MagicException.class, () -> Magics.parse("%classpath empty/*", dir)).getMessage());
    }

    @Test
    void blankOutKeepsEveryOffset() {
        String cell = "%classpath x.jar\nMath.ma";
        String blank = Magics.blankOut(cell);
        assertEquals(cell.length(), blank.length());
        assertEquals(cell.indexOf("Math"), blank.indexOf("Math"));
    }
}
