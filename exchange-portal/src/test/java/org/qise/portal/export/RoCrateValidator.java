package org.qise.portal.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a zipped crate against the rules of the RO-Crate 1.1 specification
 * (https://www.researchobject.org/ro-crate/1.1/), written from the specification's text and
 * independent of the portal's writer: the metadata file at the crate's root; JSON-LD with the
 * 1.1 context and a flat @graph of entities that each have @id and @type; the metadata
 * descriptor (a CreativeWork about the root, conformsTo the 1.1 profile); the root Data Entity
 * (a Dataset with name, description, an ISO 8601 datePublished and a license); every data
 * entity in hasPart present in the payload and typed File or Dataset; every payload file
 * described; and every local reference ("#…") resolving to an entity of the graph.
 */
public final class RoCrateValidator {
    static final String METADATA = "ro-crate-metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A crate read from a zip: its files by path, and the parsed metadata. */
    public record Crate(Map<String, byte[]> files, JsonNode metadata) {
        /** The entity with this @id, or null. */
        public JsonNode entity(String id) {
            for (JsonNode e : metadata.path("@graph")) if (id.equals(e.path("@id").asText(null))) return e;
            return null;
        }

        public List<JsonNode> ofType(String type) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode e : metadata.path("@graph")) if (types(e).contains(type)) out.add(e);
            return out;
        }

        public String text(String path) {
            return new String(files.get(path), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static Crate read(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) files.put(e.getName(), in.readAllBytes());
            }
            JsonNode metadata = files.containsKey(METADATA) ? JSON.readTree(files.get(METADATA)) : JSON.createObjectNode();
            return new Crate(files, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule the crate breaks, as readable sentences; empty when it is a valid RO-Crate 1.1. */
    public static List<String> problems(Crate crate) {
        List<String> p = new ArrayList<>();
        if (!crate.files().containsKey(METADATA)) {
            p.add("the crate has no " + METADATA + " at its root");
            return p;
        }
        JsonNode doc = crate.metadata();
        if (!referencesContext(doc.path("@context"))) p.add("@context does not name https://w3id.org/ro/crate/1.1/context");
        JsonNode graph = doc.path("@graph");
        if (!graph.isArray()) {
            p.add("@graph is not an array");
            return p;
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode e : graph) {
            if (!e.isObject()) {
                p.add("an @graph element is not an object");
                continue;
            }
            String id = e.path("@id").asText(null);
            if (id == null) p.add("an entity has no @id: " + e);
            else if (!ids.add(id)) p.add("@id " + id + " appears twice");
            if (types(e).isEmpty()) p.add("entity " + id + " has no @type");
            // The graph is flat: nested objects may only be references.
            e.properties().forEach(prop -> forEachValue(prop.getValue(), v -> {
                if (v.isObject() && (v.size() != 1 || !v.has("@id"))) p.add("entity " + id + " nests an object in " + prop.getKey());
            }));
        }

        JsonNode descriptor = crate.entity(METADATA);
        String rootId = null;
        if (descriptor == null) {
            p.add("there is no metadata descriptor entity (@id " + METADATA + ")");
        } else {
            if (!types(descriptor).contains("CreativeWork")) p.add("the metadata descriptor is not a CreativeWork");
            rootId = descriptor.path("about").path("@id").asText(null);
            if (rootId == null) p.add("the metadata descriptor has no about");
            String profile = descriptor.path("conformsTo").path("@id").asText("");
            if (!profile.startsWith("https://w3id.org/ro/crate/1.1")) p.add("the metadata descriptor does not conform to https://w3id.org/ro/crate/1.1");
        }
        JsonNode root = rootId == null ? null : crate.entity(rootId);
        if (root == null) {
            p.add("the root data entity (" + rootId + ") is missing");
            return p;
        }
        if (!rootId.endsWith("/")) p.add("the root data entity's @id " + rootId + " does not end with /");
        if (!types(root).contains("Dataset")) p.add("the root data entity is not a Dataset");
        for (String required : List.of("name", "description", "datePublished", "license")) {
            JsonNode v = root.path(required);
            if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank())) p.add("the root data entity has no " + required);
        }
        if (root.path("datePublished").isTextual() && !isoDate(root.path("datePublished").asText())) {
            p.add("datePublished '" + root.path("datePublished").asText() + "' is not ISO 8601");
        }
        String licence = root.path("license").path("@id").asText(null);
        if (licence != null && crate.entity(licence) == null) p.add("the license " + licence + " has no contextual entity");

        Set<String> parts = new HashSet<>();
        forEachValue(root.path("hasPart"), ref -> {
            String id = ref.path("@id").asText(null);
            if (id == null) {
                p.add("a hasPart value is not a reference");
                return;
            }
            parts.add(id);
            JsonNode e = crate.entity(id);
            if (e == null) p.add("hasPart names " + id + " but the graph does not describe it");
            else if (!types(e).contains("File") && !types(e).contains("Dataset")) p.add(id + " is neither a File nor a Dataset");
            if (!isUrl(id) && !crate.files().containsKey(id) && crate.files().keySet().stream().noneMatch(f -> f.startsWith(id))) {
                p.add("hasPart names " + id + " but the zip has no such file");
            }
        });
        for (String file : crate.files().keySet()) {
            if (!file.equals(METADATA) && !file.equals("ro-crate-preview.html") && !parts.contains(file)) {
                p.add("the zip holds " + file + " but the root's hasPart does not list it");
            }
        }
        for (JsonNode e : graph) {
            e.properties().forEach(prop -> forEachValue(prop.getValue(), v -> {
                String ref = v.isObject() ? v.path("@id").asText(null) : null;
                if (ref != null && ref.startsWith("#") && crate.entity(ref) == null) {
                    p.add("entity " + e.path("@id").asText() + " refers to " + ref + " which the graph does not describe");
                }
            }));
            if (types(e).contains("Person")) {
                String id = e.path("@id").asText("");
                if (id.contains("orcid.org") && !id.matches("https://orcid\\.org/\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]")) {
                    p.add("person " + id + " is not named by an ORCID URL of the form https://orcid.org/0000-0000-0000-0000");
                }
                if (!e.hasNonNull("name")) p.add("person " + id + " has no name");
            }
        }
        return p;
    }

    public static List<String> types(JsonNode e) {
        List<String> out = new ArrayList<>();
        forEachValue(e.path("@type"), t -> out.add(t.asText()));
        return out;
    }

    private static boolean referencesContext(JsonNode context) {
        List<String> names = new ArrayList<>();
        forEachValue(context, c -> {
            if (c.isTextual()) names.add(c.asText());
        });
        return names.contains("https://w3id.org/ro/crate/1.1/context");
    }

    private static void forEachValue(JsonNode v, java.util.function.Consumer<JsonNode> each) {
        if (v == null || v.isMissingNode() || v.isNull()) return;
        if (v.isArray()) v.forEach(each);
        else each.accept(v);
    }

    private static boolean isoDate(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                java.time.Instant.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                try {
                    LocalDate.parse(s);
                    return true;
                } catch (DateTimeParseException e3) {
                    return false;
                }
            }
        }
    }

    private static boolean isUrl(String id) {
        return id.startsWith("http://") || id.startsWith("https://");
    }
}
