package org.qise.portal.runs;

import java.time.ZoneOffset;
import java.util.List;

/**
 * How to cite a public result: a BibTeX entry and a CITATION.cff-style block naming the
 * authors (everyone the circuit version credits along its fork chain, then who ran it: see
 * {@code CreditService.withRunner}), the circuit and version, the stable URL and the result's SHA-256.
 */
public record Citation(String bibtex, String cff) {

    public static Citation of(Run run, String circuitTitle, List<String> authors, String url) {
        int year = (run.finishedAt() != null ? run.finishedAt() : run.queuedAt()).atZone(ZoneOffset.UTC).getYear();
        String date = (run.finishedAt() != null ? run.finishedAt() : run.queuedAt()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String title = circuitTitle + ", version " + run.circuitVersion() + ": result of run " + run.publicId();
        String version = run.simulatorVersion() == null ? "unknown" : run.simulatorVersion();
        String bibtex = "@misc{qise-run-" + run.publicId() + ",\n"
                + "  author       = {" + String.join(" and ", authors.stream().map(Citation::bib).toList()) + "},\n"
                + "  title        = {{" + bib(title) + "}},\n"
                + "  year         = {" + year + "},\n"
                + "  howpublished = {QISE exchange, \\url{" + url + "}},\n"
                + "  note         = {Circuit " + run.circuitPublicId() + " version " + run.circuitVersion() + " (SHA-256 "
                + run.circuitSha256() + "); " + run.shots() + " shots, seed " + run.seed() + ", qise " + bib(version)
                + " engine " + bib(run.engine()) + "; result SHA-256 " + run.resultSha256() + "}\n"
                + "}\n";
        StringBuilder cff = new StringBuilder();
        cff.append("cff-version: 1.2.0\n");
        cff.append("message: \"If you use this result, please cite it as below.\"\n");
        cff.append("type: dataset\n");
        cff.append("title: ").append(yaml(title)).append('\n');
        cff.append("authors:\n");
        for (String a : authors) cff.append("  - name: ").append(yaml(a)).append('\n');
        cff.append("date-released: ").append(date).append('\n');
        cff.append("url: ").append(yaml(url)).append('\n');
        cff.append("identifiers:\n");
        cff.append("  - type: other\n    value: ").append(yaml("sha256:" + run.resultSha256())).append('\n');
        cff.append("    description: SHA-256 of the canonical result text\n");
        cff.append("  - type: other\n    value: ").append(yaml("sha256:" + run.circuitSha256())).append('\n');
        cff.append("    description: ").append(yaml("SHA-256 of the canonical OpenQASM of circuit " + run.circuitPublicId()
                + " version " + run.circuitVersion())).append('\n');
        cff.append("version: ").append(yaml("circuit " + run.circuitPublicId() + " v" + run.circuitVersion())).append('\n');
        return new Citation(bibtex, cff.toString());
    }

    /** Braces and backslashes would break the entry; TeX specials are escaped. */
    private static String bib(String s) {
        return s.replace("\\", "").replace("{", "").replace("}", "")
                .replaceAll("([&%$#_])", "\\\\$1");
    }

    /** A YAML double-quoted scalar. */
    private static String yaml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
