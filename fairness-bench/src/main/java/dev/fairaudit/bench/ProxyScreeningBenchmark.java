package dev.fairaudit.bench;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxyCounts;
import dev.fairaudit.metrics.proxy.ProxyScreening;
import dev.fairaudit.metrics.proxy.ProxySettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Proxy screening on one thread: 20 candidate features × one protected attribute (3 values), data already
 * dictionary-encoded (the target: at most 1.5 s for 10 million rows).
 *
 * <ul>
 *   <li>{@link #fillSingleFeatureCounts}: the one fused pass filling every feature × attribute × fold × decision
 *       crosstab ({@link ProxyCounts#add(Map, Map, boolean[], long)}).</li>
 *   <li>{@link #fillSingleAndPairCounts}: the same pass, also counting every pair of the 18 features with at most
 *       50 values by column codes ({@link ProxyCounts#countingPairs}), as the command line's first pass does so
 *       that the chosen pairs need no second pass.</li>
 *   <li>{@link #analyseFromCounts}: everything computed from the filled state (binning, single-feature measures
 *       with out-of-fold AUC, conditional disparity); pairs excluded.</li>
 *   <li>{@link #readAllCodesBaseline}: reads every code of the 20 columns once and sums them: the memory-traffic
 *       floor of any one-pass method, for comparison in the same run.</li>
 * </ul>
 *
 * <p>Feature cardinalities range from 2 to 4,000 (a 4-digit postcode); codes are uniform.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class ProxyScreeningBenchmark {

    /** Cardinalities of the 20 features. */
    static final int[] CARDINALITIES = {4000, 2, 3, 5, 8, 10, 12, 20, 2, 3, 4, 6, 7, 9, 15, 25, 50, 100, 2, 30};

    /** Encoded columns, built once. */
    @State(Scope.Benchmark)
    public static class Data {
        /** Rows per pass. */
        @Param({"10000000"})
        public int rows;

        Map<String, CategoricalColumn> features;
        Map<String, CategoricalColumn> attributes;
        boolean[] selected;
        List<String> featureNames;
        ProxyCounts filled;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(0x5EEDL);
            features = new HashMap<>();
            featureNames = new ArrayList<>();
            for (int f = 0; f < CARDINALITIES.length; f++) {
                String name = "f" + f;
                featureNames.add(name);
                features.put(name, column(name, random, CARDINALITIES[f]));
            }
            attributes = Map.of("origin", column("origin", random, 3));
            selected = new boolean[rows];
            for (int r = 0; r < rows; r++) {
                selected[r] = random.nextInt(10) == 0;
            }
            filled = ProxyCounts.singles(featureNames, List.of("origin"), 5, 1).add(features, attributes, selected, 0);
        }

        private CategoricalColumn column(String name, SplittableRandom random, int cardinality) {
            List<String> dictionary = new ArrayList<>();
            for (int v = 0; v < cardinality; v++) {
                dictionary.add(Integer.toString(v));
            }
            int[] codes = new int[rows];
            for (int r = 0; r < rows; r++) {
                codes[r] = random.nextInt(cardinality);
            }
            return new CategoricalColumn(name, dictionary, codes, -1);
        }
    }

    /** The one pass: all 20 crosstabs filled. */
    @Benchmark
    public ProxyCounts fillSingleFeatureCounts(Data d) {
        return ProxyCounts.singles(d.featureNames, List.of("origin"), 5, 1).add(d.features, d.attributes,
                d.selected, 0);
    }

    /** The one pass, also counting the 153 pairs of the 18 features with at most 50 values by codes. */
    @Benchmark
    public ProxyCounts fillSingleAndPairCounts(Data d) {
        return ProxyCounts.singles(d.featureNames, List.of("origin"), 5, 1).countingPairs(Set.of(), 50)
                .add(d.features, d.attributes, d.selected, 0);
    }

    /** Everything computed from the filled state (no pairs). */
    @Benchmark
    public ProxyAnalysis analyseFromCounts(Data d) {
        ProxyScreening screening = new ProxyScreening(ProxySettings.defaults());
        return screening.analyse(d.filled, null, screening.binning(d.filled, Set.of()), Favourable.SELECTED, Map.of(),
                List.of());
    }

    /** Baseline: read every code of the 20 columns once. */
    @Benchmark
    public long readAllCodesBaseline(Data d) {
        long sum = 0;
        for (String name : d.featureNames) {
            CategoricalColumn c = d.features.get(name);
            for (int r = 0; r < d.rows; r++) {
                sum += c.code(r);
            }
        }
        return sum;
    }
}
