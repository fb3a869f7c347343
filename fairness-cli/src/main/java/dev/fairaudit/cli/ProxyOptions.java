package dev.fairaudit.cli;

import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxyCounts;
import dev.fairaudit.metrics.proxy.ProxyScreening;
import dev.fairaudit.metrics.proxy.ProxySettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code audit} options of proxy screening and conditional disparity (docs/proxies.md). */
final class ProxyOptions {

    private static final ProxySettings DEFAULTS = ProxySettings.defaults();

    @Option(names = "--features", split = ",", paramLabel = "COL",
            description = "Candidate features to screen as proxies of the protected attributes, read as categories "
                    + "(a postcode is a category); adds 'proxies' and 'conditionalDisparity' to audit.json. With --log, "
                    + "keys of the decision records' features.")
    List<String> features = new ArrayList<>();

    @Option(names = "--numeric-features", split = ",", paramLabel = "COL",
            description = "Features that are numbers, binned into quantiles (implies --features for them).")
    List<String> numericFeatures = new ArrayList<>();

    @Option(names = "--proxy-seed", paramLabel = "N", defaultValue = "20260101",
            description = "Seed of the fold assignment and the permutation tests (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--proxy-alpha", paramLabel = "A", defaultValue = "0.05",
            description = "Level a proxy's adjusted p-value must be below to be flagged (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--proxy-min-v", paramLabel = "V", defaultValue = "0.1",
            description = "Flag a significant proxy when its bias-corrected Cramér's V reaches V (default: "
                    + "${DEFAULT-VALUE}) ...")
    double minV;

    @Option(names = "--proxy-min-auc", paramLabel = "AUC", defaultValue = "0.6",
            description = "... or its out-of-fold AUC reaches AUC (default: ${DEFAULT-VALUE}).")
    double minAuc;

    @Option(names = "--no-cmh-correction",
            description = "Cochran-Mantel-Haenszel test without the 0.5 continuity correction.")
    boolean noCmhCorrection;

    /** The feature columns to read, numeric ones included, in order, without repeats. */
    List<String> columns() {
        Set<String> all = new LinkedHashSet<>(features);
        all.addAll(numericFeatures);
        return List.copyOf(all);
    }

    /** Whether proxy screening was asked for. */
    boolean requested() {
        return !columns().isEmpty();
    }

    /** Checks the settings early (before reading data). */
    ProxySettings settings(AuditSettings audit) {
        return new ProxySettings(DEFAULTS.folds(), seed, DEFAULTS.smoothing(), DEFAULTS.numericBins(), alpha, minV,
                minAuc, DEFAULTS.permutations(), DEFAULTS.pairCandidates(), DEFAULTS.maxPairFeatureCategories(),
                audit.pValueAdjustment(), !noCmhCorrection, audit.minGroupSize());
    }

    /** The empty state the first pass over the rows fills, or null when proxy screening was not asked for. */
    ProxyCounts singles(TableSpec spec, AuditSettings audit) {
        return requested() ? screening(audit).singles(spec, Set.copyOf(numericFeatures)) : null;
    }

    /**
     * The result with proxy screening added, when asked for, from the filled first-pass state; {@code again}
     * hands over the rows a second time, only for chosen feature pairs the first pass could not count within its
     * budget (see {@link ProxyScreening#run(ProxyCounts, TableSpec, ProxyScreening.Rereader, Set,
     * dev.fairaudit.metrics.Favourable, java.util.Map)}).
     */
    AuditResult apply(AuditResult result, ProxyCounts singles, TableSpec spec, ProxyScreening.Rereader again) {
        if (singles == null) {
            return result;
        }
        AuditSettings audit = result.settings();
        ProxyAnalysis analysis = screening(audit).run(singles, spec, again, Set.copyOf(numericFeatures),
                audit.favourable(), audit.references());
        return result.withProxyAnalysis(analysis);
    }

    private ProxyScreening screening(AuditSettings audit) {
        return new ProxyScreening(settings(audit));
    }
}
