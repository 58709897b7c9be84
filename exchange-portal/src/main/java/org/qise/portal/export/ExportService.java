package org.qise.portal.export;

import static org.qise.portal.export.RoCrate.entity;
import static org.qise.portal.export.RoCrate.ref;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.credit.CircuitCitation;
import org.qise.portal.credit.Credit;
import org.qise.portal.credit.CreditService;
import org.qise.portal.people.User;
import org.qise.portal.runs.ResultFiles;
import org.qise.portal.runs.Run;
import org.qise.portal.runs.RunService;
import org.qise.portal.runs.RunStatus;
import org.qise.portal.web.Html;
import org.qise.portal.circuits.CircuitPages;

/**
 * A circuit version or a finished run as a research object that can leave the portal: an
 * RO-Crate 1.1 zip, a Zenodo deposit metadata file, and (for runs) a Metriq-style benchmark
 * submission. Everything goes through the circuit and run services, so what a viewer may not
 * see cannot be exported either.
 */
public final class ExportService {
    static final com.fasterxml.jackson.databind.ObjectWriter JSON = org.qise.portal.PortalJson.MAPPER.writerWithDefaultPrettyPrinter();

    private final CircuitService circuits;
    private final CreditService credit;
    private final RunService runs;

    public ExportService(CircuitService circuits, CreditService credit, RunService runs) {
        this.circuits = circuits;
        this.credit = credit;
        this.runs = runs;
    }

    // ---- circuit versions ----

    /** The RO-Crate of a circuit version: its OpenQASM source, diagram, description, licence note and citation. */
    public byte[] circuitCrate(User viewer, long circuitId, Integer version, String baseUrl) {
        var d = circuits.get(viewer, circuitId, version);
        var v = d.version();
        Credit c = credit.credit(viewer, circuitId, v.version());
        CircuitCitation cite = credit.citation(viewer, circuitId, v.version(), baseUrl);
        String url = circuitUrl(baseUrl, d.summary().publicId(), v.version());
        RoCrate crate = new RoCrate(v.title() + " (version " + v.version() + ")", description(v.description(),
                "OpenQASM circuit " + d.summary().publicId() + ", version " + v.version() + ", shared on the QISE exchange."),
                v.createdAt(), c.licence().url());
        crate.rootProperty("identifier", url).rootProperty("url", url).rootProperty("version", String.valueOf(v.version()))
                .rootProperty("keywords", d.summary().tags()).rootProperty("author", people(crate, c.authors()));
        var origin = c.chain().size() > 1 ? c.chain().get(1) : null;
        if (origin != null && origin.visible()) crate.rootProperty("isBasedOn", ref(circuitUrl(baseUrl, origin.publicId(), origin.version())));
        licence(crate, c);
        crate.file("circuit.qasm", v.qasm(), "text/x-qasm", "OpenQASM source", "The circuit's OpenQASM source as its author saved it.");
        crate.file("diagram.svg", CircuitPages.diagram(d), "image/svg+xml", "Circuit diagram", "The circuit drawn by the portal (qubit 0 at the top).");
        crate.file("circuit.json", json(circuitJson(d, c, url)), "application/json", "Circuit metadata",
                "Title, description, tags, version, licence, credited authors and fork chain.");
        crate.file("CITATION.cff", cite.cff(), "application/x-yaml", "Citation", "How to cite this circuit version (Citation File Format 1.2.0).");
        crate.file("LICENSE.txt", licenceText(c, v.title()), "text/plain", "Licence", "The licence this circuit is shared under.");
        return crate.zip();
    }

    /** Zenodo deposit metadata for a circuit version (upload type software). */
    public Map<String, Object> circuitZenodo(User viewer, long circuitId, Integer version, String baseUrl) {
        var d = circuits.get(viewer, circuitId, version);
        var v = d.version();
        Credit c = credit.credit(viewer, circuitId, v.version());
        String url = circuitUrl(baseUrl, d.summary().publicId(), v.version());
        Map<String, Object> m = zenodoCommon("software", v.title() + " (version " + v.version() + ")", c, v.createdAt(),
                description(v.description(), "OpenQASM circuit " + d.summary().publicId() + ", version " + v.version() + "."), url);
        m.put("keywords", d.summary().tags());
        m.put("version", String.valueOf(v.version()));
        var origin = c.chain().size() > 1 ? c.chain().get(1) : null;
        if (origin != null && origin.visible()) {
            List<Map<String, Object>> related = new ArrayList<>(relatedList(m));
            related.add(ordered("identifier", circuitUrl(baseUrl, origin.publicId(), origin.version()), "relation", "isDerivedFrom",
                    "scheme", "url"));
            m.put("related_identifiers", related);
        }
        return Map.of("metadata", m);
    }

    // ---- runs ----

    /** The RO-Crate of a finished run: circuit, result, manifest, and its provenance as a CreateAction. */
    public byte[] runCrate(User viewer, long runId, String baseUrl) {
        Run run = finished(viewer, runId);
        var d = circuits.get(viewer, run.circuitId(), run.circuitVersion());
        Credit c = credit.credit(viewer, run.circuitId(), run.circuitVersion());
        List<Credit.Author> authors = runAuthors(c, run);
        String url = baseUrl + "/runs/" + run.publicId();
        Instant published = run.finishedAt() != null ? run.finishedAt() : run.queuedAt();
        RoCrate crate = new RoCrate("Run " + run.publicId() + " of " + d.version().title() + " (version " + run.circuitVersion() + ")",
                "Result of simulating circuit " + run.circuitPublicId() + " version " + run.circuitVersion() + " on the QISE exchange: "
                        + run.shots() + " shots, seed " + run.seed() + ", engine " + run.engine() + ".", published, c.licence().url());
        crate.rootProperty("identifier", url).rootProperty("url", url).rootProperty("author", people(crate, authors))
                .rootProperty("isBasedOn", ref(circuitUrl(baseUrl, run.circuitPublicId(), run.circuitVersion())))
                .rootProperty("mentions", ref("#run-" + run.publicId()));
        licence(crate, c);
        crate.file("circuit.qasm", run.circuitQasm(), "text/x-qasm", "Simulated circuit",
                "The canonical OpenQASM text that was simulated (its SHA-256 is the manifest's circuit_sha256).");
        crate.file("result.json", ResultFiles.json(run), "application/json", "Result", "Counts, expectation values and state of the run, with its manifest.");
        crate.file("manifest.json", json(run.manifest()), "application/json", "Reproducibility manifest",
                "What is needed to produce the same result again: circuit hash, simulator version, engine, threads, seed, shots, options, Java, OS.");
        if (run.noisy()) crate.file("noise-model.json", run.noiseModel(), "application/json", "Noise model", "The noise model the run simulated (qise-noise-model/1).");
        crate.file("LICENSE.txt", licenceText(c, d.version().title()), "text/plain", "Licence", "The licence the circuit and this result are shared under.");

        // Provenance (the Process Run Crate way): the run is a CreateAction whose instrument is the
        // simulator, whose objects are the circuit and the settings, and whose results are the files.
        String version = run.simulatorVersion() == null ? "unknown" : run.simulatorVersion();
        crate.entity(entity("#qise", "SoftwareApplication", "name", "QISE", "version", version,
                "description", "Quantum Information Science Exchange state-vector simulator"));
        crate.entity(entity("#engine-" + run.engine(), "SoftwareApplication", "name", "QISE " + run.engine() + " engine",
                "version", version, "isPartOf", ref("#qise")));
        List<Object> objects = new ArrayList<>(List.of(ref("circuit.qasm")));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", run.seed());
        settings.put("shots", run.shots());
        settings.put("engine", run.engine());
        if (run.manifest() != null && run.manifest().get("threads") != null) settings.put("threads", run.manifest().get("threads"));
        settings.put("machine", machine(run.manifest()));
        run.parameters().forEach((k, val) -> settings.put("parameter " + k, val));
        if (!run.expect().isEmpty()) settings.put("expect", String.join("; ", run.expect()));
        for (var s : settings.entrySet()) {
            String id = "#" + s.getKey().replaceAll("[^A-Za-z0-9_-]", "-");
            crate.entity(entity(id, "PropertyValue", "name", s.getKey(), "value", String.valueOf(s.getValue())));
            objects.add(ref(id));
        }
        if (run.noisy()) objects.add(ref("noise-model.json"));
        Map<String, Object> agent = runAgent(crate, authors, run);
        crate.entity(entity("#run-" + run.publicId(), "CreateAction", "name", "Simulation run " + run.publicId(),
                "instrument", List.of(ref("#qise"), ref("#engine-" + run.engine())), "agent", agent,
                "object", objects, "result", List.of(ref("result.json"), ref("manifest.json")),
                "startTime", run.startedAt() == null ? null : run.startedAt().toString(),
                "endTime", run.finishedAt() == null ? null : run.finishedAt().toString(),
                "actionStatus", ref("http://schema.org/CompletedActionStatus")));
        return crate.zip();
    }

    /** Zenodo deposit metadata for a finished run (upload type dataset). */
    public Map<String, Object> runZenodo(User viewer, long runId, String baseUrl) {
        Run run = finished(viewer, runId);
        var d = circuits.get(viewer, run.circuitId(), run.circuitVersion());
        Credit c = credit.credit(viewer, run.circuitId(), run.circuitVersion());
        String url = baseUrl + "/runs/" + run.publicId();
        Map<String, Object> m = zenodoCommon("dataset", "Run " + run.publicId() + " of " + d.version().title() + " (version "
                + run.circuitVersion() + ")", new Credit(c.licence(), runAuthors(c, run), c.chain(), c.stars(), c.forks(), false),
                run.finishedAt() != null ? run.finishedAt() : run.queuedAt(),
                "Result of simulating circuit " + run.circuitPublicId() + " version " + run.circuitVersion() + ": " + run.shots()
                        + " shots, seed " + run.seed() + ", engine " + run.engine() + ", qise " + run.simulatorVersion()
                        + ". Result SHA-256 " + run.resultSha256() + ".", url);
        m.put("keywords", d.summary().tags());
        List<Map<String, Object>> related = new ArrayList<>(relatedList(m));
        related.add(ordered("identifier", circuitUrl(baseUrl, run.circuitPublicId(), run.circuitVersion()), "relation", "isDerivedFrom",
                "scheme", "url"));
        m.put("related_identifiers", related);
        return Map.of("metadata", m);
    }

    /**
     * A benchmark submission in the shape Metriq (metriq.info) takes: the submission, the task
     * (the circuit), the method and platform (simulator, engine, machine), and results: the
     * run's wall-clock time and any expectation values, each with the qubit count and shots.
     */
    public Map<String, Object> runMetriq(User viewer, long runId, String baseUrl) {
        Run run = finished(viewer, runId);
        var d = circuits.get(viewer, run.circuitId(), run.circuitVersion());
        String task = d.version().title() + " (circuit " + run.circuitPublicId() + " v" + run.circuitVersion() + ")";
        String method = "QISE " + run.engine() + " engine, state-vector simulation" + (run.noisy() ? " with noise (" + run.noiseMethod() + ")" : "");
        String platform = "QISE " + (run.simulatorVersion() == null ? "unknown" : run.simulatorVersion()) + " on " + machine(run.manifest());
        String evaluated = (run.finishedAt() != null ? run.finishedAt() : run.queuedAt()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        List<Map<String, Object>> results = new ArrayList<>();
        if (run.startedAt() != null && run.finishedAt() != null) {
            double seconds = Duration.between(run.startedAt(), run.finishedAt()).toNanos() / 1e9;
            results.add(result(task, method, platform, "wall-clock time (s)", seconds, false, evaluated, run));
        }
        if (run.expectations() != null) {
            run.expectations().forEach((pauli, value) -> results.add(result(task, method, platform, "expectation <" + pauli + ">", value,
                    true, evaluated, run)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "QISE run " + run.publicId() + ": " + task);
        m.put("contentUrl", baseUrl + "/runs/" + run.publicId());
        m.put("description", "Simulation of " + task + " with " + run.shots() + " shots and seed " + run.seed()
                + "; result SHA-256 " + run.resultSha256() + ".");
        m.put("tags", d.summary().tags());
        m.put("tasks", List.of(task));
        m.put("methods", List.of(method));
        m.put("platforms", List.of(platform));
        m.put("results", results);
        return m;
    }

    // ---- parts ----

    private Run finished(User viewer, long runId) {
        Run run = runs.get(viewer, runId);
        if (run.status() != RunStatus.DONE || run.counts() == null) {
            throw PortalException.conflict("run " + run.publicId() + " is " + run.status().label() + "; only a finished run can be exported");
        }
        return run;
    }

    /** The circuit's credited authors, then whoever ran it. */
    private List<Credit.Author> runAuthors(Credit c, Run run) {
        return credit.withRunner(c, run.ownerId());
    }

    private static Map<String, Object> runAgent(RoCrate crate, List<Credit.Author> authors, Run run) {
        for (int i = 0; i < authors.size(); i++) if (authors.get(i).userId() == run.ownerId()) return ref(personId(authors.get(i), i));
        return null;
    }

    /** Person entities (with their organisations) for the authors; returns references in order. */
    private static List<Map<String, Object>> people(RoCrate crate, List<Credit.Author> authors) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < authors.size(); i++) {
            Credit.Author a = authors.get(i);
            String id = personId(a, i);
            Map<String, Object> affiliation = null;
            if (a.institution() != null && !a.institution().isBlank()) {
                String orgId = "#organization-" + a.institution().strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                crate.entity(entity(orgId, "Organization", "name", a.institution().strip()));
                affiliation = ref(orgId);
            }
            crate.entity(entity(id, "Person", "name", a.name(), "affiliation", affiliation, "identifier", a.orcidUrl()));
            refs.add(ref(id));
        }
        return refs;
    }

    /** A person's @id: their ORCID iD URL when known (RO-Crate's advice), otherwise a local id. */
    private static String personId(Credit.Author a, int index) {
        return a.orcidUrl() != null ? a.orcidUrl() : "#author-" + (index + 1);
    }

    private static void licence(RoCrate crate, Credit c) {
        crate.entity(entity(c.licence().url(), "CreativeWork", "name", c.licence().name(), "identifier", c.licence().spdx()));
    }

    private static String licenceText(Credit c, String title) {
        return "\"" + title + "\" is shared on the QISE exchange under " + c.licence().name() + " (SPDX: " + c.licence().spdx() + ").\n"
                + "The licence's full text: " + c.licence().url() + "\n\n"
                + "Credit: " + String.join(", ", c.authorNames()) + ".\n";
    }

    private static Map<String, Object> zenodoCommon(String uploadType, String title, Credit c, Instant published, String description, String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upload_type", uploadType);
        m.put("title", title);
        m.put("creators", c.authors().stream().map(a -> {
            Map<String, Object> p = ordered("name", a.name());
            if (a.institution() != null && !a.institution().isBlank()) p.put("affiliation", a.institution());
            if (a.orcid() != null) p.put("orcid", a.orcid());
            return p;
        }).toList());
        // Zenodo's description is HTML: the text is escaped, never passed through.
        m.put("description", html(description));
        m.put("access_right", "open");
        m.put("license", c.licence().zenodo());
        m.put("publication_date", published.atZone(ZoneOffset.UTC).toLocalDate().toString());
        m.put("related_identifiers", List.of(ordered("identifier", url, "relation", "isIdenticalTo", "scheme", "url")));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> relatedList(Map<String, Object> m) {
        return (List<Map<String, Object>>) m.get("related_identifiers");
    }

    private static Map<String, Object> result(String task, String method, String platform, String metric, double value,
                                              boolean higherBetter, String evaluated, Run run) {
        return ordered("task", task, "method", method, "platform", platform, "metricName", metric, "metricValue", value,
                "isHigherBetter", higherBetter, "evaluatedAt", evaluated, "qubitCount", run.numQubits(), "shots", run.shots());
    }

    private static Map<String, Object> circuitJson(CircuitService.Details d, Credit c, String url) {
        var v = d.version();
        return ordered("id", d.summary().publicId(), "version", v.version(), "versionId", v.publicId(), "title", v.title(),
                "description", v.description(), "tags", d.summary().tags(), "numQubits", v.numQubits(), "numGates", v.numGates(),
                "createdAt", v.createdAt().toString(), "url", url, "license", c.licence().spdx(),
                "authors", c.authors().stream().map(a -> ordered("name", a.name(), "orcid", a.orcid())).toList(),
                "forkChain", c.chain().stream().map(l -> ordered("id", l.publicId(), "version", l.version(), "title", l.title(),
                        "owner", l.ownerName())).toList());
    }

    /** Operating system, architecture and Java of the machine that ran it, from the manifest. */
    private static String machine(Map<String, Object> manifest) {
        if (manifest == null) return "unknown machine";
        return manifest.getOrDefault("os", "?") + " " + manifest.getOrDefault("arch", "?") + ", Java " + manifest.getOrDefault("java_version", "?");
    }

    static String circuitUrl(String baseUrl, String publicId, int version) {
        return baseUrl + "/circuits/" + publicId + "?version=" + version;
    }

    private static String description(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }

    private static String html(String s) {
        return "<p>" + Html.escape(s).replace("\n", "<br>") + "</p>";
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }
}
