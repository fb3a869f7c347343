package dev.fairaudit.metrics.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.Favourable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature pairs formed from the pair counts by column codes of the first pass equal the pairs counted row by row
 * in a second pass over the file (how they were counted before), on random files streamed in several chunks.
 */
class OnePassPairCountsTest {

    private static final List<String> FEATURES = List.of("colour", "size", "fine", "income", "kids", "flag");
    private static final Set<String> NUMERIC = Set.of("income", "kids");
    private static final List<String> COLOURS = List.of("red", "green", "blue", "grey", "white", "black");

    @TempDir
    Path dir;

    /**
     * A CSV of random rows: two protected attributes (one with missing values), a decision with some values that
     * are not 0 or 1, a weight with some negative values (bad rows), rows with a wrong field count (bad rows),
     * categorical features with missing values, one with 80 values (too fine to pair), a numeric feature with
     * hundreds of distinct values (binned) and one with few. The group leans on colour × size.
     */
    private Path randomFile(long seed, int rows) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("origin,gender,selected,w,colour,size,fine,income,kids,flag,region\n");
        for (int i = 0; i < rows; i++) {
            if (r.nextInt(50) == 0) {
                csv.append("a,f,1\n"); // wrong field count
                continue;
            }
            int colour = r.nextInt(COLOURS.size());
            int size = r.nextInt(4);
            boolean minority = r.nextDouble() < ((colour + size) % 3 == 0 ? 0.5 : 0.15);
            String origin = r.nextInt(40) == 0 ? "" : minority ? "min" : r.nextBoolean() ? "maj" : "other";
            String gender = r.nextBoolean() ? "f" : "m";
            String selected = r.nextInt(80) == 0 ? "maybe" : r.nextDouble() < (minority ? 0.3 : 0.1) ? "1" : "0";
            String weight = r.nextInt(60) == 0 ? "-1" : Double.toString(0.5 + r.nextInt(4) * 0.5);
            String colourText = r.nextInt(25) == 0 ? "" : COLOURS.get(colour);
            String fine = "v" + r.nextInt(80);
            String income = r.nextInt(30) == 0 ? "" : Integer.toString(1000 + r.nextInt(400) * 25);
            String kids = Integer.toString(r.nextInt(5));
            String flag = r.nextInt(10) == 0 ? "" : r.nextBoolean() ? "y" : "n";
            csv.append(String.join(",", origin, gender, selected, weight, colourText, "s" + size, fine, income, kids,
                    flag, "r" + i % 3)).append('\n');
        }
        Path file = dir.resolve("rows-" + seed + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private static TableSpec spec() {
        return spec("origin", "gender");
    }

    private static TableSpec spec(String... protectedAttributes) {
        return TableSpec.builder().protectedAttributes(protectedAttributes).decision("selected=1").weight("w")
                .features(FEATURES.toArray(String[]::new)).skipBadRows(true).build();
    }

    /** Streams the file into the state, in chunks of {@code chunkRows}. */
    private static ProxyCounts fill(ProxyCounts state, Path file, TableSpec spec, int chunkRows) {
        ProxyCounts[] filled = {state};
        TableSource source = TableReader.stream(file, spec, chunkRows, chunk -> filled[0] = filled[0].add(chunk));
        assertTrue(source.rowsSkipped() > 0, "the file has bad rows that are skipped");
        return filled[0];
    }

    /** The pair state as it was counted before: a second pass over the file, row by row. */
    private static ProxyCounts secondPass(List<List<String>> pairs, Map<String, FeatureBinning> binning, Path file,
            TableSpec spec, int chunkRows, ProxySettings settings) {
        ProxyCounts[] filled = {ProxyCounts.pairs(pairs, spec.protectedAttributes(), binning, settings.folds(),
                settings.seed())};
        TableReader.stream(file, spec, chunkRows, chunk -> filled[0] = filled[0].add(chunk));
        return filled[0];
    }

    private static final ProxyScreening.Rereader NO_SECOND_PASS = chunks -> fail("the rows were read a second time");

    @Test
    void onePassPairCountsEqualTheSecondPassOnRandomFiles() throws IOException {
        onePassEqualsSecondPass(spec());
    }

    @Test
    void onePassPairCountsEqualTheSecondPassWithThreeAttributes() throws IOException {
        onePassEqualsSecondPass(spec("origin", "gender", "region"));
    }

    private void onePassEqualsSecondPass(TableSpec spec) throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 31);
            int chunkRows = 50 + r.nextInt(700);
            Path file = randomFile(seed, 2000 + r.nextInt(3000));
            ProxySettings settings = ProxySettings.defaults().withSeed(seed);
            ProxyScreening screening = new ProxyScreening(settings);
            ProxyCounts singles = fill(screening.singles(spec, NUMERIC), file, spec, chunkRows);
            assertTrue(singles.countsPairs());
            Map<String, FeatureBinning> binning = screening.binning(singles, NUMERIC);
            assertTrue(binning.get("income").numeric(), "income has hundreds of values and is binned");
            List<List<String>> pairs = screening.choosePairs(singles, binning, new ArrayList<>());
            assertTrue(pairs.contains(List.of("colour", "income")) && pairs.contains(List.of("income", "kids")),
                    "seed " + seed + ": pairs with a binned numeric feature are screened: " + pairs);
            assertFalse(pairs.stream().anyMatch(p -> p.contains("fine")), "80 values are too many to pair");

            ProxyCounts onePass = screening.pairCounts(singles, pairs, binning, spec, NO_SECOND_PASS);
            ProxyCounts twoPass = secondPass(pairs, binning, file, spec, chunkRows, settings);
            assertSameCounts(twoPass, onePass, "seed " + seed);

            // The whole analysis, against the run that read the file twice (a state that did not count pairs).
            ProxyCounts plain = fill(ProxyCounts.singles(FEATURES, spec.protectedAttributes(), settings.folds(),
                    settings.seed()), file, spec, chunkRows);
            ProxyAnalysis expected = screening.run(plain, spec,
                    pass -> TableReader.stream(file, spec, chunkRows, pass), NUMERIC, Favourable.SELECTED, Map.of());
            ProxyAnalysis actual = screening.run(singles, spec, NO_SECOND_PASS, NUMERIC, Favourable.SELECTED,
                    Map.of());
            assertEquals(expected, actual, "seed " + seed);
        }
    }

    @Test
    void pairsBeyondTheCellBudgetAreCountedInASecondPassWithTheSameResult() throws IOException {
        Path file = randomFile(11, 3000);
        TableSpec spec = spec();
        ProxySettings settings = ProxySettings.defaults().withSeed(11);
        ProxyScreening screening = new ProxyScreening(settings);
        // income has about 400 codes: its pairs need 400 × 7 × (4 + 2) × 10 cells and more; the others fit.
        ProxyCounts singles = fill(ProxyCounts.singles(FEATURES, spec.protectedAttributes(), settings.folds(),
                settings.seed()).countingPairs(NUMERIC, settings.maxPairFeatureCategories(), 20_000, 512), file, spec,
                300);
        PairCodeCounts codes = singles.pairCodes();
        assertFalse(codes.covers("colour", "income"));
        assertTrue(codes.covers("colour", "kids"));
        assertEquals(List.of("colour", "size", "kids", "flag"), codes.kept());
        assertTrue(codes.cells() <= 20_000, "cells " + codes.cells());

        Map<String, FeatureBinning> binning = screening.binning(singles, NUMERIC);
        List<List<String>> pairs = screening.choosePairs(singles, binning, new ArrayList<>());
        AtomicInteger passes = new AtomicInteger();
        ProxyCounts mixed = screening.pairCounts(singles, pairs, binning, spec, pass -> {
            passes.incrementAndGet();
            TableReader.stream(file, spec, 300, pass);
        });
        assertEquals(1, passes.get(), "one second pass for the pairs that did not fit");
        assertSameCounts(secondPass(pairs, binning, file, spec, 300, settings), mixed, "budget");
    }

    @Test
    void manyPairableFeaturesAreBoundedByIncrementsPerRow() throws IOException {
        Path file = randomFile(12, 1500);
        TableSpec spec = spec();
        ProxySettings settings = ProxySettings.defaults();
        // Five pairable features (10 pairs) × 2 attributes = 20 increments per row; at most 12 allowed: income (the
        // most codes) goes, leaving 6 pairs × 2 = 12.
        ProxyCounts singles = fill(ProxyCounts.singles(FEATURES, spec.protectedAttributes(), settings.folds(),
                settings.seed()).countingPairs(NUMERIC, settings.maxPairFeatureCategories(), 1L << 22, 12), file,
                spec, 400);
        assertEquals(List.of("colour", "size", "kids", "flag"), singles.pairCodes().kept());
        ProxyScreening screening = new ProxyScreening(settings);
        Map<String, FeatureBinning> binning = screening.binning(singles, NUMERIC);
        List<List<String>> pairs = screening.choosePairs(singles, binning, new ArrayList<>());
        ProxyCounts mixed = screening.pairCounts(singles, pairs, binning, spec,
                pass -> TableReader.stream(file, spec, 400, pass));
        assertSameCounts(secondPass(pairs, binning, file, spec, 400, settings), mixed, "increments");
    }

    @Test
    void mergedPairCountsEqualTheWholeAndTablesFedInTurn() throws IOException {
        Path file = randomFile(5, 2000);
        TableSpec spec = spec();
        DecisionTable whole = TableReader.read(file, spec);
        ProxyScreening screening = new ProxyScreening(ProxySettings.defaults());
        ProxyCounts all = screening.singles(spec, NUMERIC).add(whole);
        ProxyCounts first = screening.singles(spec, NUMERIC).add(whole, 0);
        ProxyCounts second = screening.singles(spec, NUMERIC).add(whole, whole.rowCount());
        ProxyCounts inTurn = screening.singles(spec, NUMERIC).add(whole).add(whole);
        Map<String, FeatureBinning> binning = screening.binning(all, NUMERIC);
        List<List<String>> pairs = screening.choosePairs(all, binning, new ArrayList<>());
        ProxyCounts doubled = screening.pairCounts(inTurn, pairs, binning, spec, NO_SECOND_PASS);
        for (ProxyCounts merged : List.of(first.merge(second), second.merge(first))) {
            assertTrue(merged.countsPairs());
            assertSameCounts(doubled, screening.pairCounts(merged, pairs, binning, spec, NO_SECOND_PASS), "merged");
        }
        // The doubled rows against a second pass over the same table fed twice.
        ProxyCounts twice = ProxyCounts.pairs(pairs, spec.protectedAttributes(), binning, 5,
                ProxySettings.defaults().seed()).add(whole).add(whole);
        assertSameCounts(twice, doubled, "in turn");
    }

    @Test
    void aShorterTableAfterALongerOneIsCountedAsOnItsOwn() throws IOException {
        // The state reuses its scratch arrays from table to table: the second, shorter table finds the first
        // table's codes beyond its own rows, which must not be counted.
        Path file = randomFile(9, 2000);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Path head = file.resolveSibling("head-9.csv");
        Files.write(head, lines.subList(0, 601), StandardCharsets.UTF_8);
        TableSpec spec = spec();
        DecisionTable whole = TableReader.read(file, spec);
        DecisionTable shorter = TableReader.read(head, spec);
        ProxyScreening screening = new ProxyScreening(ProxySettings.defaults());
        ProxyCounts reused = screening.singles(spec, NUMERIC).add(whole, 0).add(shorter, whole.rowCount());
        ProxyCounts separate = screening.singles(spec, NUMERIC).add(whole, 0)
                .merge(screening.singles(spec, NUMERIC).add(shorter, whole.rowCount()));
        assertSameCounts(separate, reused, "singles");
        Map<String, FeatureBinning> binning = screening.binning(separate, NUMERIC);
        List<List<String>> pairs = screening.choosePairs(separate, binning, new ArrayList<>());
        assertFalse(pairs.isEmpty());
        assertSameCounts(screening.pairCounts(separate, pairs, binning, spec, NO_SECOND_PASS),
                screening.pairCounts(reused, pairs, binning, spec, NO_SECOND_PASS), "pairs by codes");
        ProxyCounts pairState = ProxyCounts.pairs(pairs, spec.protectedAttributes(), binning, 5,
                ProxySettings.defaults().seed());
        ProxyCounts pairsReused = pairState.add(whole, 0).add(shorter, whole.rowCount());
        ProxyCounts pairsSeparate = ProxyCounts.pairs(pairs, spec.protectedAttributes(), binning, 5,
                ProxySettings.defaults().seed()).add(whole, 0).merge(ProxyCounts.pairs(pairs,
                spec.protectedAttributes(), binning, 5, ProxySettings.defaults().seed()).add(shorter,
                whole.rowCount()));
        assertSameCounts(pairsSeparate, pairsReused, "pairs, second pass");
    }

    @Test
    void noPairCountsWhenNoPairsAreScreened() {
        ProxySettings defaults = ProxySettings.defaults();
        ProxySettings noPairs = new ProxySettings(defaults.folds(), defaults.seed(), defaults.smoothing(),
                defaults.numericBins(), defaults.alpha(), defaults.cramersVThreshold(), defaults.aucThreshold(),
                defaults.permutations(), 1, defaults.maxPairFeatureCategories(), defaults.pValueAdjustment(),
                defaults.continuityCorrection(), defaults.minRows());
        ProxyCounts singles = new ProxyScreening(noPairs).singles(spec(), NUMERIC);
        assertFalse(singles.countsPairs());
        assertNull(singles.pairCodes());
    }

    /** Every cell of every unit and attribute equal. */
    private static void assertSameCounts(ProxyCounts expected, ProxyCounts actual, String what) {
        assertEquals(expected.units(), actual.units(), what);
        assertEquals(expected.rows(), actual.rows(), what);
        long total = 0;
        for (int u = 0; u < expected.units().size(); u++) {
            assertEquals(expected.unitCategories(u), actual.unitCategories(u), what);
            for (int a = 0; a < expected.attributes().size(); a++) {
                assertEquals(expected.attributeValues(a), actual.attributeValues(a), what);
                for (int c = 0; c < expected.unitCategories(u); c++) {
                    for (int v = 0; v < expected.attributeValues(a).size(); v++) {
                        for (int f = 0; f < expected.folds(); f++) {
                            for (boolean s : new boolean[] {false, true}) {
                                long e = expected.count(u, a, c, v, f, s);
                                assertEquals(e, actual.count(u, a, c, v, f, s), what + ": unit " + expected.units()
                                        .get(u) + ", attribute " + a + ", category " + c + ", value " + v);
                                total += e;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(expected.rows() * expected.units().size() * expected.attributes().size(), total,
                what + ": every row counted once per pair and attribute");
    }
}
