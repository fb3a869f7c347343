package dev.fairaudit.metrics.criteria;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The group audit's quantities, for every {@link Metric} key {@code m}: {@code m.value} (the group's rate),
 * {@code m.ratio} and {@code m.difference} (the group against its reference group, as in
 * {@link AuditResult#comparisons()}). For example {@code selectionRate.ratio} or
 * {@code falsePositiveRate.difference}.
 */
public final class AuditQuantities implements QuantityResolver {

    private static final Set<String> NAMES;

    static {
        Set<String> names = new LinkedHashSet<>();
        for (Metric m : Metric.values()) {
            names.add(m.key() + ".value");
            names.add(m.key() + ".ratio");
            names.add(m.key() + ".difference");
        }
        NAMES = Set.copyOf(names);
    }

    @Override
    public Set<String> quantities() {
        return NAMES;
    }

    @Override
    public List<Quantity> resolve(String quantity, Grouping grouping, AuditResult result) {
        int dot = quantity.lastIndexOf('.');
        Metric metric = Metric.fromKey(quantity.substring(0, dot));
        String kind = quantity.substring(dot + 1);
        List<Quantity> out = new ArrayList<>();
        if (kind.equals("value")) {
            for (GroupResult g : result.groups()) {
                if (g.group().grouping().equals(grouping)) {
                    MetricValue v = g.metric(metric);
                    out.add(new Quantity(g.group(), null, v.value(), v.status(), v.ci95(), v.rows()));
                }
            }
            return out;
        }
        for (ComparisonResult c : result.comparisons()) {
            if (c.metric() != metric || !c.group().grouping().equals(grouping)) {
                continue;
            }
            Estimate e = kind.equals("ratio") ? c.ratio() : c.difference();
            long n = Math.min(rows(result, c.group(), metric), rows(result, c.reference(), metric));
            out.add(new Quantity(c.group(), c.reference(), e.value(), e.status(), e.ci95(), n));
        }
        return out;
    }

    private static long rows(AuditResult result, GroupKey key, Metric metric) {
        return result.group(key).map(g -> g.metric(metric).rows()).orElse(0L);
    }
}
