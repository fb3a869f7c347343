package dev.fairaudit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.proxy.ConditionalDisparity;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxyFinding;
import dev.fairaudit.metrics.proxy.ProxySettings;
import dev.fairaudit.metrics.stats.TestResult;

/**
 * The {@code proxyScreening}, {@code proxies} and {@code conditionalDisparity} sections of {@code audit.json}
 * (documented in {@code docs/audit-json.md} and {@code docs/proxies.md}). Only aggregate measures are written:
 * no feature values and no cell counts.
 */
final class ProxyJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProxyJson() {
    }

    /** Adds the sections when there is an analysis; adds nothing otherwise. */
    static void write(ObjectNode root, ProxyAnalysis a) {
        if (a == null) {
            return;
        }
        ObjectNode screening = root.putObject("proxyScreening");
        ArrayNode features = screening.putArray("features");
        a.features().forEach(features::add);
        ArrayNode numeric = screening.putArray("numericFeatures");
        a.numericFeatures().forEach(numeric::add);
        ProxySettings s = a.settings();
        ObjectNode settings = screening.putObject("settings");
        settings.put("folds", s.folds());
        settings.put("seed", s.seed());
        settings.put("smoothing", s.smoothing());
        settings.put("numericBins", s.numericBins());
        settings.put("alpha", s.alpha());
        settings.put("cramersVThreshold", s.cramersVThreshold());
        settings.put("aucThreshold", s.aucThreshold());
        settings.put("permutations", s.permutations());
        settings.put("pairCandidates", s.pairCandidates());
        settings.put("maxPairFeatureCategories", s.maxPairFeatureCategories());
        settings.put("pValueAdjustment", s.pValueAdjustment().id());
        settings.put("continuityCorrection", s.continuityCorrection());
        settings.put("minRows", s.minRows());
        ArrayNode warnings = screening.putArray("warnings");
        a.warnings().forEach(warnings::add);

        ArrayNode proxies = root.putArray("proxies");
        for (ProxyFinding f : a.proxies()) {
            ObjectNode o = proxies.addObject();
            if (f.isPair()) {
                ArrayNode pair = o.putArray("features");
                f.features().forEach(pair::add);
            } else {
                o.put("feature", f.features().get(0));
            }
            o.put("attribute", f.attribute());
            o.put("rank", f.rank());
            o.put("flagged", f.flagged());
            o.put("n", f.n());
            o.put("categories", f.categories());
            o.set("cramersV", estimate(f.cramersV()));
            o.set("mutualInformation", estimate(f.mutualInformation()));
            o.set("auc", estimate(f.auc()));
            putTest(o, f.test());
            if (f.adjustedPValue() == null) {
                o.putNull("adjustedPValue");
            } else {
                o.put("adjustedPValue", f.adjustedPValue());
            }
            ArrayNode w = o.putArray("warnings");
            f.warnings().forEach(w::add);
        }

        ArrayNode disparities = root.putArray("conditionalDisparity");
        for (ConditionalDisparity d : a.conditionalDisparity()) {
            ObjectNode o = disparities.addObject();
            o.put("feature", d.feature());
            o.put("attribute", d.attribute());
            o.put("group", d.group());
            o.put("reference", d.reference());
            o.put("n", d.n());
            o.put("strata", d.strata());
            o.set("crudeOddsRatio", estimate(d.crudeOddsRatio()));
            o.set("mantelHaenszelOddsRatio", estimate(d.mantelHaenszelOddsRatio()));
            if (d.cmhTest() == null) {
                o.putNull("cmh");
            } else {
                ObjectNode cmh = o.putObject("cmh");
                putTest(cmh, d.cmhTest());
            }
            o.set("shareExplained", estimate(d.shareExplained()));
            o.set("demographicDisparity", estimate(d.demographicDisparity()));
            o.set("conditionalDemographicDisparity", estimate(d.conditionalDemographicDisparity()));
            o.put("rowsExcludedFromCdd", d.rowsExcludedFromCdd());
            ArrayNode w = o.putArray("warnings");
            d.warnings().forEach(w::add);
        }
    }

    private static ObjectNode estimate(Estimate e) {
        ObjectNode o = F.objectNode();
        if (e.value() == null) {
            o.putNull("value");
        } else {
            o.put("value", e.value());
        }
        o.put("status", e.status().name());
        if (e.ci95() == null) {
            o.putNull("ci95");
        } else {
            ObjectNode ci = o.putObject("ci95");
            ci.put("lower", e.ci95().lower());
            ci.put("upper", e.ci95().upper());
            ci.put("method", e.ci95().method());
        }
        return o;
    }

    private static void putTest(ObjectNode o, TestResult t) {
        if (t == null) {
            o.putNull("test");
            o.putNull("statistic");
            o.putNull("degreesOfFreedom");
            o.putNull("pValue");
            return;
        }
        o.put("test", t.test());
        o.put("statistic", t.statistic());
        o.put("degreesOfFreedom", t.degreesOfFreedom());
        o.put("pValue", t.pValue());
    }
}
