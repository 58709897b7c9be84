package org.qise.portal.credit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * "Cite this circuit version" in three formats: a BibTeX {@code @misc} entry, a CITATION.cff
 * file (Citation File Format 1.2.0) and an RIS record (type COMP, computer program), each
 * naming the credited authors, the version, its stable address, its licence and the SHA-256 of
 * its canonical OpenQASM text.
 */
public record CircuitCitation(String bibtex, String cff, String ris) {

    /** What a citation of one circuit version says. */
    public record Source(String publicId, int version, String versionId, String title, Instant createdAt, String canonicalSha256,
                         String url, Credit credit) {}

    public static CircuitCitation of(Source s) {
        var date = s.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
        String title = s.title() + " (version " + s.version() + ")";
        List<Credit.Author> authors = s.credit().authors();
        Licence licence = s.credit().licence();

        String bibtex = "@misc{qise-circuit-" + s.publicId() + "-v" + s.version() + ",\n"
                + "  author       = {" + String.join(" and ", authors.stream().map(a -> bib(a.name())).toList()) + "},\n"
                + "  title        = {{" + bib(title) + "}},\n"
                + "  year         = {" + date.getYear() + "},\n"
                + "  howpublished = {QISE exchange, \\url{" + s.url() + "}},\n"
                + "  note         = {OpenQASM circuit " + s.publicId() + " version " + s.version() + " (SHA-256 "
                + s.canonicalSha256() + "); licence " + bib(licence.spdx()) + "}\n"
                + "}\n";

        StringBuilder cff = new StringBuilder();
        cff.append("cff-version: 1.2.0\n");
        cff.append("message: \"If you use this circuit, please cite it as below.\"\n");
        cff.append("type: software\n");
        cff.append("title: ").append(yaml(title)).append('\n');
        cff.append("authors:\n");
        for (Credit.Author a : authors) {
            // CFF names a person by given and family names, or as an entity by "name"; a display
            // name cannot be split reliably, so every author is written as a name.
            cff.append("  - name: ").append(yaml(a.name())).append('\n');
            if (a.institution() != null && !a.institution().isBlank()) cff.append("    affiliation: ").append(yaml(a.institution())).append('\n');
            if (a.orcid() != null) cff.append("    orcid: ").append(yaml(a.orcidUrl())).append('\n');
        }
        cff.append("version: ").append(yaml(String.valueOf(s.version()))).append('\n');
        cff.append("date-released: ").append(date).append('\n');
        cff.append("url: ").append(yaml(s.url())).append('\n');
        cff.append("license: ").append(licence.spdx()).append('\n');
        cff.append("identifiers:\n");
        cff.append("  - type: url\n    value: ").append(yaml(s.url())).append('\n');
        cff.append("  - type: other\n    value: ").append(yaml("sha256:" + s.canonicalSha256())).append('\n');
        cff.append("    description: SHA-256 of the canonical OpenQASM text\n");

        // RIS: one tag per line, "XX  - value", ending with "ER  - ".
        StringBuilder ris = new StringBuilder();
        ris.append("TY  - COMP\n");
        for (Credit.Author a : authors) ris.append("AU  - ").append(line(a.name())).append('\n');
        ris.append("TI  - ").append(line(title)).append('\n');
        ris.append("PY  - ").append(date.getYear()).append('\n');
        ris.append("DA  - ").append(date.toString().replace('-', '/')).append('\n');
        ris.append("ET  - ").append(s.version()).append('\n');
        ris.append("PB  - QISE exchange\n");
        ris.append("UR  - ").append(line(s.url())).append('\n');
        ris.append("N1  - OpenQASM circuit ").append(s.publicId()).append(" version ").append(s.version()).append(", SHA-256 ")
                .append(s.canonicalSha256()).append("; licence ").append(licence.spdx()).append('\n');
        ris.append("ER  - \n");
        return new CircuitCitation(bibtex, cff.toString(), ris.toString());
    }

    /** Braces and backslashes would break the entry; TeX specials are escaped. */
    static String bib(String s) {
        return s.replace("\\", "").replace("{", "").replace("}", "").replaceAll("([&%$#_])", "\\\\$1");
    }

    /** A YAML double-quoted scalar. */
    static String yaml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ") + "\"";
    }

    /** RIS values are one line each. */
    private static String line(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
