package org.qise.portal.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An RO-Crate 1.1 research object packed as a zip: the payload files at the top level and
 * {@code ro-crate-metadata.json}, a JSON-LD graph with the metadata descriptor (conformsTo
 * the 1.1 profile, about the root), the root Data Entity ({@code ./}, a Dataset naming every
 * file in {@code hasPart}) and one entity per file and contextual thing (people, licence,
 * software, actions). Entries carry a fixed time and come in a fixed order, so the same
 * content gives the same bytes.
 */
public final class RoCrate {
    public static final String METADATA = "ro-crate-metadata.json";
    public static final String CONTEXT = "https://w3id.org/ro/crate/1.1/context";
    public static final String PROFILE = "https://w3id.org/ro/crate/1.1";

    private static final com.fasterxml.jackson.databind.ObjectWriter JSON = org.qise.portal.PortalJson.MAPPER.writerWithDefaultPrettyPrinter();

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> entities = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Instant time;

    /**
     * @param datePublished when the content was published (the root's datePublished, and the zip entries' time)
     * @param licenceUrl    the licence's URL, which also names its contextual entity
     */
    public RoCrate(String name, String description, Instant datePublished, String licenceUrl) {
        this.time = datePublished;
        root.put("@id", "./");
        root.put("@type", "Dataset");
        root.put("name", name);
        root.put("description", description);
        root.put("datePublished", datePublished.toString());
        root.put("license", ref(licenceUrl));
    }

    /** A property of the root dataset (author, identifier, keywords, mentions, …). */
    public RoCrate rootProperty(String name, Object value) {
        root.put(name, value);
        return this;
    }

    /** A payload file: its bytes go into the zip, its entity (a File) into the graph and into the root's hasPart. */
    public RoCrate file(String path, byte[] content, String encodingFormat, String name, String description) {
        if (files.containsKey(path) || path.equals(METADATA)) throw new IllegalArgumentException("duplicate file " + path);
        files.put(path, content);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@id", path);
        e.put("@type", "File");
        e.put("name", name);
        e.put("description", description);
        e.put("encodingFormat", encodingFormat);
        e.put("contentSize", String.valueOf(content.length));
        entities.add(e);
        return this;
    }

    public RoCrate file(String path, String content, String encodingFormat, String name, String description) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), encodingFormat, name, description);
    }

    /** A contextual entity (person, organisation, licence, software, action, property value); needs "@id" and "@type". */
    public RoCrate entity(Map<String, Object> entity) {
        if (!entity.containsKey("@id") || !entity.containsKey("@type")) throw new IllegalArgumentException("an entity needs @id and @type");
        if (entities.stream().noneMatch(e -> e.get("@id").equals(entity.get("@id")))) entities.add(entity);
        return this;
    }

    /** {"@id": id}: how JSON-LD refers to another entity. */
    public static Map<String, Object> ref(String id) {
        return Map.of("@id", id);
    }

    /** An entity map with keys in the order given: "@id", id, "@type", type, then name, value pairs. */
    public static Map<String, Object> entity(String id, String type, Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@id", id);
        m.put("@type", type);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** The metadata file's JSON text. */
    public String metadata() {
        Map<String, Object> descriptor = entity(METADATA, "CreativeWork", "conformsTo", ref(PROFILE), "about", ref("./"));
        Map<String, Object> rootEntity = new LinkedHashMap<>(root);
        rootEntity.put("hasPart", files.keySet().stream().map(RoCrate::ref).toList());
        List<Object> graph = new ArrayList<>();
        graph.add(descriptor);
        graph.add(rootEntity);
        graph.addAll(entities);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", CONTEXT);
        doc.put("@graph", graph);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the RO-Crate metadata", e);
        }
    }

    /** The crate as a zip: metadata first, then the files in the order added. */
    public byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, METADATA, metadata().getBytes(StandardCharsets.UTF_8));
            for (var f : files.entrySet()) put(zip, f.getKey(), f.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void put(ZipOutputStream zip, String path, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        // A fixed time (the publication's) instead of "now": the same crate twice is the same bytes.
        entry.setLastModifiedTime(FileTime.from(time));
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
