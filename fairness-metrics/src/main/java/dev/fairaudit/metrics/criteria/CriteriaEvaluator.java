package dev.fairaudit.metrics.criteria;

import dev.fairaudit.metrics.AuditConfigurationException;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.risk.Similarity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates pre-registered criteria against an audit result. A quantity passes when its whole 95% interval lies
 * inside the bound and fails when the whole interval lies outside; it is inconclusive when the interval straddles
 * the bound, when fewer rows than the criterion's minimum stand behind it, or when it is undefined.
 */
public final class CriteriaEvaluator {

    private final List<QuantityResolver> resolvers;

    /** An evaluator using these resolvers; the first that knows a quantity answers for it. */
    public CriteriaEvaluator(List<QuantityResolver> resolvers) {
        this.resolvers = List.copyOf(resolvers);
    }

    /** The group audit's and the risk-profile analyses' quantities. */
    public static CriteriaEvaluator defaults() {
        return new CriteriaEvaluator(List.of(new AuditQuantities(), new RiskProfileQuantities()));
    }

    /** Every quantity name the resolvers know. */
    public Set<String> quantities() {
        Set<String> all = new LinkedHashSet<>();
        resolvers.forEach(r -> all.addAll(r.quantities()));
        return all;
    }

    /** A parser accepting this evaluator's quantities. */
    public CriteriaParser parser() {
        return new CriteriaParser(quantities());
    }

    /**
     * Checks that every criterion's attribute or intersection is among the audited groupings.
     *
     * @throws AuditConfigurationException naming the criterion and the nearest audited grouping
     */
    public void check(CriteriaSpec spec, List<Grouping> audited) {
        for (Criterion c : spec.criteria()) {
            Grouping g = new Grouping(c.grouping());
            if (g.isOverall() || audited.contains(g)) {
                continue;
            }
            List<String> labels = audited.stream().filter(x -> !x.isOverall())
                    .map(x -> String.join(",", x.attributes())).toList();
            String near = Similarity.nearest(String.join(",", c.grouping()), labels);
            throw new AuditConfigurationException(spec.source() + ": criterion " + c.id() + " is about "
                    + String.join(",", c.grouping()) + ", which is not audited"
                    + (near == null ? "" : " (did you mean " + near + "?)") + "; audited: " + labels
                    + (c.grouping().size() > 1 ? "; add --intersect " + String.join(",", c.grouping()) : ""));
        }
    }

    /** Evaluates every criterion. */
    public CriteriaReport evaluate(CriteriaSpec spec, AuditResult result) {
        List<CriterionResult> results = new ArrayList<>();
        for (Criterion c : spec.criteria()) {
            results.add(evaluate(c, result));
        }
        Advice advice = Advice.CONTINUE;
        List<String> why = new ArrayList<>();
        for (CriterionResult r : results) {
            if (r.verdict() == Verdict.FAIL) {
                Advice a = r.criterion().onFail();
                advice = a.ordinal() > advice.ordinal() ? a : advice;
                why.add(r.criterion().id() + " failed");
            } else if (r.verdict() == Verdict.INCONCLUSIVE) {
                advice = advice == Advice.CONTINUE ? Advice.ADJUST : advice;
                why.add(r.criterion().id() + " is inconclusive");
            }
        }
        String reason = why.isEmpty() ? "every criterion passed" : String.join("; ", why);
        return new CriteriaReport(spec.name(), spec.source(), spec.evaluationDate(), results, advice, reason);
    }

    private CriterionResult evaluate(Criterion c, AuditResult result) {
        QuantityResolver resolver = resolvers.stream().filter(r -> r.quantities().contains(c.metric())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no resolver knows '" + c.metric() + "'"));
        Grouping grouping = new Grouping(c.grouping());
        List<Evidence> evidence = new ArrayList<>();
        for (Quantity q : resolver.resolve(c.metric(), grouping, result)) {
            if (matches(c, q.group())) {
                evidence.add(judge(c, q));
            }
        }
        if (evidence.isEmpty()) {
            return new CriterionResult(c, Verdict.INCONCLUSIVE, null, "no estimate of " + c.metric() + " for "
                    + scope(c) + " (is the analysis it needs configured, and does the group have rows?)", evidence);
        }
        Evidence deciding = null;
        for (Verdict v : List.of(Verdict.FAIL, Verdict.INCONCLUSIVE)) {
            for (Evidence e : evidence) {
                if (deciding == null && e.verdict() == v) {
                    deciding = e;
                }
            }
        }
        if (deciding == null) {
            double closest = Double.POSITIVE_INFINITY;
            for (Evidence e : evidence) {
                double margin = margin(c.bound(), e.quantity());
                if (margin < closest) {
                    closest = margin;
                    deciding = e;
                }
            }
        }
        return new CriterionResult(c, deciding.verdict(), deciding.quantity(), deciding.quantity().group().label()
                + ": " + deciding.reason(), evidence);
    }

    private static boolean matches(Criterion c, GroupKey group) {
        for (var e : c.group().entrySet()) {
            if (!e.getValue().equals(group.attributes().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String scope(Criterion c) {
        if (!c.group().isEmpty()) {
            return new GroupKey(c.group()).label();
        }
        return c.grouping().isEmpty() ? "the whole population" : String.join(" × ", c.grouping());
    }

    /** How far the interval stays inside the bound (smaller: closer to failing). */
    private static double margin(Bound b, Quantity q) {
        double m = Double.POSITIVE_INFINITY;
        if (b.lower() != null) {
            m = Math.min(m, q.ci95().lower() - b.lower());
        }
        if (b.upper() != null) {
            m = Math.min(m, b.upper() - q.ci95().upper());
        }
        return m;
    }

    /** One estimate against the bound. */
    static Evidence judge(Criterion c, Quantity q) {
        if (q.value() == null) {
            return new Evidence(q, Verdict.INCONCLUSIVE, "undefined (" + q.status() + ")");
        }
        if (q.status() != dev.fairaudit.metrics.Status.OK) {
            return new Evidence(q, Verdict.INCONCLUSIVE, fmt(q.value()) + " is not conclusive (" + q.status() + ")");
        }
        if (q.sampleSize() < c.minSampleSize()) {
            return new Evidence(q, Verdict.INCONCLUSIVE, q.sampleSize() + " row(s) stand behind the estimate, fewer"
                    + " than the minimum " + c.minSampleSize());
        }
        if (q.ci95() == null) {
            return new Evidence(q, Verdict.INCONCLUSIVE, "no interval can be computed for " + fmt(q.value()));
        }
        String shown = fmt(q.value()) + " [" + fmt(q.ci95().lower()) + ", " + fmt(q.ci95().upper()) + "]";
        if (c.bound().containsAll(q.ci95().lower(), q.ci95().upper())) {
            return new Evidence(q, Verdict.PASS, shown + " lies within " + c.bound());
        }
        if (c.bound().excludesAll(q.ci95().lower(), q.ci95().upper())) {
            return new Evidence(q, Verdict.FAIL, shown + " lies outside " + c.bound());
        }
        return new Evidence(q, Verdict.INCONCLUSIVE, shown + " straddles the bound " + c.bound());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
