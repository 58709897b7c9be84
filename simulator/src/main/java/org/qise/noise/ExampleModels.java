package org.qise.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The noise models shipped with QISE (resources under org/qise/noise/examples). */
public final class ExampleModels {
    private ExampleModels() {}

    /** Names accepted by {@link #text} and {@link #load}. */
    public static List<String> names() {
        return List.of("depolarizing", "thermal", "device-5q");
    }

    /** The JSON text of an example model. */
    public static String text(String name) {
        if (!names().contains(name)) {
            throw new NoiseException("no example noise model '" + name + "'; the examples are " + String.join(", ", names()));
        }
        try (InputStream in = ExampleModels.class.getResourceAsStream("examples/" + name + ".json")) {
            if (in == null) throw new IllegalStateException("example noise model " + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NoiseModel load(String name) {
        return NoiseModelJson.read(text(name));
    }
}
