package org.qise.portal.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qise.Version;

/**
 * For a pushed result, which of its fields the portal checked and which it only took from the
 * pusher, so that a reader of the run page knows what the verdict stands on. A push is checked
 * in two steps: when it arrives (the circuit text hashes to the claimed circuit_sha256, the
 * counts add up to the shots, the options are ones the portal re-runs with) and by the re-run
 * (seed, engine and simulator version are only confirmed when the re-run reproduces the counts
 * byte for byte).
 */
public final class ClaimChecks {
    /** One field: its value, "checked", "failed", "supplied" (by the pusher, not checked) or "portal" (set by the portal), and why. */
    public record Check(String field, String value, String status, String how) {}

    public static final String CHECKED = "checked";
    public static final String FAILED = "failed";
    public static final String SUPPLIED = "supplied";
    public static final String PORTAL = "portal";

    /** Manifest fields the portal writes itself into a pushed run's manifest. */
    private static final Set<String> PORTAL_FIELDS = Set.of("circuit_qasm", "circuit_id", "circuit_version", "pushed_by",
            "pushed_at", "result_sha256");

    private ClaimChecks() {}

    /** The checks of a pushed run in the light of its newest verification (null while none); empty for other runs. */
    public static List<Check> of(Run run, Verification newest) {
        if (run.origin() != Origin.PUSHED || run.manifest() == null) return List.of();
        Map<String, Object> m = run.manifest();
        boolean exact = newest != null && newest.verdict().equals(Verification.BIT_EXACT);
        String rerun = newest != null && newest.rerunId() != null ? "run " + newest.rerunPublicId() : "the re-run";
        List<Check> out = new ArrayList<>();
        out.add(new Check("circuit_sha256", run.circuitSha256(), CHECKED,
                "the canonical text of circuit_qasm has this SHA-256 (checked when pushed)"));
        out.add(new Check("shots", String.valueOf(run.shots()), CHECKED, "the counts add up to it (checked when pushed)"));
        out.add(countsCheck(run, newest, rerun));
        String confirmed = "confirmed: " + rerun + " with it reproduced the counts byte for byte";
        String unconfirmed = "used for the re-run, but not confirmed: the counts were not reproduced byte for byte";
        out.add(new Check("seed", String.valueOf(run.seed()), exact ? CHECKED : SUPPLIED, exact ? confirmed : unconfirmed));
        out.add(new Check("engine", run.engine(), exact ? CHECKED : SUPPLIED, exact ? confirmed : unconfirmed));
        String version = RunViews.display(m.get("simulator_version"));
        out.add(new Check("simulator_version", version, exact ? CHECKED : SUPPLIED, exact ? confirmed
                : version.equals(Version.get()) ? unconfirmed
                : "not checked: this portal runs qise " + Version.get() + ", so it can compare the counts only statistically"));
        if (run.noisy()) {
            // The model text travels with the push; its hash is checked on arrival, and the re-run simulates under it.
            out.add(new Check("noise_model_sha256", run.noiseModelSha256(), CHECKED, "the pushed noise model's canonical text has this"
                    + " SHA-256 (checked when pushed); " + (exact ? confirmed : unconfirmed)));
            out.add(new Check("method", run.noiseMethod(), exact ? CHECKED : SUPPLIED, exact ? confirmed : unconfirmed));
        }
        if (m.containsKey("options")) {
            out.add(new Check("options", RunViews.display(m.get("options")), CHECKED,
                    "only options this portal re-runs with (checked when pushed)"));
        }
        if (m.containsKey("threads")) {
            out.add(new Check("threads", RunViews.display(m.get("threads")), SUPPLIED,
                    "not checked; qise results do not depend on the thread count"));
        }
        for (var e : m.entrySet()) {
            String k = e.getKey();
            if (PORTAL_FIELDS.contains(k) || out.stream().anyMatch(c -> c.field().equals(k)) || k.equals("shots")
                    || k.equals("seed") || k.equals("engine") || k.equals("noise_model")) {
                continue;
            }
            out.add(new Check(k, RunViews.display(e.getValue()), SUPPLIED, "taken from the pusher, not checked"));
        }
        for (String k : List.of("result_sha256", "pushed_by", "pushed_at", "circuit_id", "circuit_version")) {
            if (m.containsKey(k)) out.add(new Check(k, RunViews.display(m.get(k)), PORTAL, "set by the portal"));
        }
        return out;
    }

    private static Check countsCheck(Run run, Verification v, String rerun) {
        String value = run.counts() == null ? "" : run.counts().size() + " outcomes";
        if (v == null) return new Check("counts", value, SUPPLIED, "not checked yet: the re-run has not finished");
        return switch (v.verdict()) {
            case Verification.BIT_EXACT -> new Check("counts", value, CHECKED, "reproduced byte for byte by " + rerun);
            case Verification.CONSISTENT -> new Check("counts", value, SUPPLIED, String.format(Locale.ROOT,
                    "not reproduced byte for byte; only consistent with %s by a chi-square test (p-value %.4g)", rerun, v.pValue()));
            case Verification.DIFFERENT -> new Check("counts", value, FAILED, "not what " + rerun + " produced: " + v.detail());
            default -> new Check("counts", value, SUPPLIED, "not checked: " + v.detail());
        };
    }

    /** The checks as JSON-ready maps. */
    public static List<Map<String, Object>> json(List<Check> checks) {
        return checks.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", c.field());
            m.put("value", c.value());
            m.put("status", c.status());
            m.put("how", c.how());
            return m;
        }).toList();
    }
}
