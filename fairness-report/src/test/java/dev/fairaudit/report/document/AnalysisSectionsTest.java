package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.aggregate.AreaComposition;
import dev.fairaudit.metrics.aggregate.ComparisonBounds;
import dev.fairaudit.metrics.aggregate.RateBounds;
import dev.fairaudit.metrics.aggregate.RoundingAnalysis;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.report.JsonAuditWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sections of the proxy, aggregate, score, numeric-outcome and trend analyses and the change and decision
 * record: present only when run, escaped, in both languages, and withholding the same small cells in HTML,
 * Markdown and JSON.
 */
class AnalysisSectionsTest {

    @TempDir
    Path dir;

    private static final AuditResult PREPARED = AnalysesFixture.prepared();

    private static String html(AuditResult r, Language l) {
        return HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r, l, null));
    }

    private static String md(AuditResult r, Language l) {
        return MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r, l, null));
    }

    @Test
    void sectionsOfAnalysesNotRunAreLeftOut() {
        String plain = html(Fixture.prepared(dir, Map.of()), Language.EN);
        for (String id : List.of(ProxySection.ID, AggregateSection.ID, ScoresTrendsSection.ID, ChangeRecordSection.ID)) {
            assertFalse(plain.contains("<section id=\"" + id + "\""), id + " absent when not run");
        }
        String all = html(PREPARED, Language.EN);
        for (String id : List.of(ProxySection.ID, ScoresTrendsSection.ID, ChangeRecordSection.ID)) {
            assertTrue(all.contains("<section id=\"" + id + "\""), id + " present when run");
        }
        assertFalse(all.contains("<section id=\"" + AggregateSection.ID + "\""), "no aggregate input: no section");
        assertTrue(JsonAuditWriter.toJson(Fixture.prepared(dir, Map.of())).get("document").get("changeRecord")
                .isNull(), "file input: changeRecord null");
    }

    @Test
    void disclosureIsDecidedOncePerResultAndAnewForAnother() {
        AuditResult r = AnalysesFixture.prepared();
        AnalysisDisclosure first = AnalysisDisclosure.of(r);
        assertTrue(first.any(), "the fixture withholds cells at threshold 10");
        assertSame(first, AnalysisDisclosure.of(r), "the same result: the same decisions");
        // An equal result made separately, and one with another threshold, are decided anew.
        AuditResult equal = AnalysesFixture.prepared();
        AnalysisDisclosure again = AnalysisDisclosure.of(equal);
        assertNotSame(first, again);
        assertEquals(first.items(), again.items());
        AuditResult open = AuditDocuments.prepare(AnalysesFixture.result(), new DocumentOptions(1, Map.of(), null,
                null, null, AnalysesFixture.DATE));
        assertNotEquals(first.items(), AnalysisDisclosure.of(open).items());
        assertEquals(first.items(), AnalysisDisclosure.of(r).items(), "asked again after others: still right");
    }

    @Test
    void aLogWithoutGovernanceEventsSaysSo() {
        AuditResult r = AuditDocuments.prepare(AnalysesFixture.result(), new DocumentOptions(10, Map.of(), null,
                null, null, AnalysesFixture.DATE).withChangeRecord(List.of()));
        String en = md(r, Language.EN);
        assertTrue(en.contains("## Change and decision record"));
        assertTrue(en.contains("The decision log contains no governance events"));
        assertTrue(md(r, Language.NL).contains("Het beslislogboek bevat geen governancegebeurtenissen"));
    }

    @Test
    void userTextInTheNewSectionsStaysText() {
        String html = html(PREPARED, Language.EN);
        assertFalse(html.contains("<b>Tiny"), "group name escaped");
        assertFalse(html.contains("<i>capacity"), "governance reason escaped");
        assertTrue(html.contains("more &lt;i&gt;capacity&lt;/i&gt; | for home visits"));
        String md = md(PREPARED, Language.EN);
        assertTrue(md.contains("more \\<i\\>capacity\\</i\\> \\| for home visits"), "pipe and tags escaped");
        assertFalse(Pattern.compile("(?<!\\\\)<(b|i)>").matcher(md).find(), "no raw tag in Markdown");
    }

    @Test
    void bothLanguagesAndTheirNumberFormats() {
        String en = md(PREPARED, Language.EN);
        String nl = md(PREPARED, Language.NL);
        assertTrue(en.contains("## Proxies: features that stand in for a protected attribute"));
        assertTrue(nl.contains("## Proxy's: kenmerken die voor een beschermd kenmerk staan"));
        assertTrue(nl.contains("## Register van wijzigingen en besluiten"));
        assertTrue(nl.contains("Instelling gewijzigd") && en.contains("Setting changed"));
        assertFalse(nl.contains("Scores per group"));
        // The whole population's selection rate in 2025-01 (see analyses.json: 10.2%).
        assertTrue(en.contains("| 10.2% |") && nl.contains("| 10,2% |"), "decimal point and comma");
    }

    @Test
    void summaryNamesTheFlaggedProxyAndTheExplainedDisparity() {
        String md = md(PREPARED, Language.EN);
        String summary = md.substring(md.indexOf("## Summary"), md.indexOf("## Scope"));
        assertTrue(summary.contains("features may stand in for a protected attribute") && summary.contains(
                "(#proxies-findings)"), summary);
        assertTrue(summary.contains("is mostly explained by postcode") && summary.contains("(#proxies-conditional)"));
    }

    @Test
    void growingTrendIsASummaryFindingWhenItsCellsAreShown() {
        // Unsuppressed (internal) document: the non-European disparity grows over the six months by construction
        // (selection in P3 rises 5 points a month; 70% of non-European people live there, 10% of Dutch people).
        AuditResult r = AuditDocuments.prepare(AnalysesFixture.result(), new DocumentOptions(1, Map.of(), null, null,
                null, AnalysesFixture.DATE));
        String md = md(r, Language.EN);
        String summary = md.substring(md.indexOf("## Summary"), md.indexOf("## Disparities per group"));
        assertTrue(summary.contains("The selection-rate difference of non-European from Dutch grows over time"),
                summary);
        assertTrue(md.contains("growing disparity"));
        // Suppressed: the trend rests on withheld period cells, so it is withheld and is no finding.
        String published = md(PREPARED, Language.EN);
        assertFalse(published.contains("The selection-rate difference of non-European from Dutch grows"));
        assertTrue(published.contains("| non-European | Dutch | withheld | withheld | withheld | withheld |"));
    }

    @Test
    void withheldCellsAreTheSameInJsonAndDocument() {
        JsonNode json = JsonAuditWriter.toJson(PREPARED);
        JsonNode cells = json.get("document").get("disclosure").get("analysisCells");
        assertTrue(cells.size() > 0);
        String md = md(PREPARED, Language.EN);
        // Tiny has 8 rows: its score row is withheld everywhere.
        JsonNode tiny = find(json.get("scores").get("groups"), "<b>Tiny</b>");
        assertEquals("SUPPRESSED", tiny.get("mean").get("status").asText());
        assertTrue(tiny.get("scored").isNull() && tiny.get("rows").isNull() && tiny.get("deciles").isNull());
        assertTrue(md.contains("| \\<b\\>Tiny\\</b\\> | withheld | withheld | withheld | withheld | withheld | withheld"
                + " | withheld | withheld |"));
        // Every withheld period rate is null in the JSON and "withheld" in the table, and no other is.
        Map<String, Boolean> withheld = new HashMap<>();
        for (JsonNode c : cells) {
            if (c.get("kind").asText().equals("PERIOD_RATE")) {
                withheld.put(c.get("attributes").toString() + c.get("detail").asText(), true);
            }
        }
        int shown = 0;
        for (JsonNode r : json.get("trends").get("selectionRates")) {
            boolean hidden = withheld.containsKey(r.get("attributes").toString() + r.get("periodKey").asText());
            assertEquals(hidden, r.get("selectionRate").get("status").asText().equals("SUPPRESSED"), r.toString());
            assertEquals(hidden, r.get("selectionRate").get("numerator").isNull());
            shown += hidden ? 0 : 1;
        }
        assertTrue(shown > 0);
        String rates = section(md, "*Selection rate per group and period*");
        assertEquals(withheld.size(), count(rates, "| withheld"), rates);
    }

    @Test
    void noShownTotalHasExactlyOneWithheldPart() {
        JsonNode json = JsonAuditWriter.toJson(PREPARED);
        // Per period: the origin groups add up to the whole population.
        Map<String, int[]> perPeriod = new HashMap<>();
        Map<String, Boolean> overallHidden = new HashMap<>();
        Map<String, int[]> perGroup = new HashMap<>();
        for (JsonNode r : json.get("trends").get("selectionRates")) {
            boolean hidden = r.get("selectionRate").get("status").asText().equals("SUPPRESSED");
            String period = r.get("periodKey").asText();
            if (r.get("attributes").isEmpty()) {
                overallHidden.put(period, hidden);
            } else {
                perPeriod.computeIfAbsent(period, p -> new int[1])[0] += hidden ? 1 : 0;
                perGroup.computeIfAbsent(r.get("attributes").toString(), p -> new int[1])[0] += hidden ? 1 : 0;
            }
        }
        perPeriod.forEach((p, n) -> assertTrue(overallHidden.get(p) || n[0] != 1, "period " + p));
        for (JsonNode g : json.get("groups")) {
            String key = g.get("attributes").toString();
            if (perGroup.containsKey(key) && !g.get("selectionRate").get("status").asText().equals("SUPPRESSED")) {
                assertNotEquals(1, perGroup.get(key)[0], "periods of " + key);
            }
        }
        // Reliability bins add up to the labelled rows shown.
        for (JsonNode g : json.get("scores").get("groups")) {
            if (g.get("calibration").isObject()) {
                int hidden = 0;
                for (JsonNode b : g.get("calibration").get("bins")) {
                    hidden += b.get("rows").isNull() ? 1 : 0;
                }
                assertNotEquals(1, hidden, "bins of " + g.get("attributes"));
            }
        }
    }

    @Test
    void aggregateSectionStatesRoundingAndTheAreaLimitationAndWithholdsFewSelected() {
        GroupKey a = new GroupKey(Map.of("g", "a"));
        RoundingAnalysis rounding = new RoundingAnalysis(5, 4L, 2, List.of(), "rounded to 5",
                List.of(new RateBounds(a, Metric.SELECTION_RATE, Status.OK, 0.10, 0.14,
                        new Interval(0.07, 0.18, "wilson"), false)),
                List.of(new ComparisonBounds(a, GroupKey.OVERALL, Metric.SELECTION_RATE, Status.OK, 0.6, 0.7,
                        -0.05, -0.03)));
        AreaComposition area = new AreaComposition("areas.csv", null, "postcode", 500, 6, 20, 1, 40, 38,
                List.of(new AreaComposition.GroupComposition("migration <background>", Status.OK, 0.2, 0.25,
                        new Interval(0.24, 0.26, "normal"), 0.4, new Interval(0.3, 0.5, "normal"), 0.24, 2.4, 1.6,
                        0.16, new Interval(0.05, 0.27, "normal"), 0.3, 0.08)),
                AreaComposition.LIMITATION, List.of());
        AuditResult base = Fixture.result(dir).withAggregateAnalyses(new AggregateAnalyses(rounding, area));
        AuditResult r = AuditDocuments.prepare(base, new DocumentOptions(10, Map.of(), null, null, null,
                AnalysesFixture.DATE));
        String en = md(r, Language.EN);
        String section = en.substring(en.indexOf("## Aggregate and area input"), en.indexOf("## Limitations"));
        assertTrue(section.contains("rounded to a multiple of 5"));
        assertTrue(section.contains("2 cells were suppressed by the publisher; each is taken to be between 0 and 4"));
        assertTrue(section.contains("**Area averages may not describe the people actually assessed"));
        assertTrue(section.contains("migration \\<background\\>"));
        // 6 selected (5 with area data): the selected shares are withheld; the not-selected share is shown.
        assertTrue(section.contains("| 500 (withheld) |"), section);
        assertFalse(section.contains("40.0%"), "selected share withheld");
        assertTrue(section.contains("24.0%"), "not-selected share shown");
        String limitations = en.substring(en.indexOf("## Limitations"), en.indexOf("## Methods"));
        assertTrue(limitations.contains("area averages, which may not describe the people actually assessed"));
        assertTrue(limitations.contains("rounded to multiples of 5"));
        assertFalse(limitations.contains("DUO auditors rejected"), "the English warning is replaced by the text");
        assertTrue(md(r, Language.NL).contains("Gemiddelden per gebied hoeven niet te gelden"));
        JsonNode json = JsonAuditWriter.toJson(r).get("areaComposition");
        assertTrue(json.get("selectedRows").isNull() && json.get("groups").get(0).get("selectedShare").isNull());
        assertEquals(0.24, json.get("groups").get(0).get("notSelectedShare").asDouble());
        // Disclosure control off: everything shown, and the rate range as published.
        AuditResult open = AuditDocuments.prepare(base, new DocumentOptions(1, Map.of(), null, null, null,
                AnalysesFixture.DATE));
        String all = md(open, Language.EN);
        assertTrue(all.contains("40.0% (30.0% – 50.0%)") && all.contains("10.0% – 14.0%"));
        assertTrue(all.contains("0.60 – 0.70"));
    }

    private static JsonNode find(JsonNode groups, String origin) {
        for (JsonNode g : groups) {
            if (origin.equals(g.get("attributes").path("origin").asText())) {
                return g;
            }
        }
        throw new AssertionError("no group " + origin);
    }

    private static String section(String md, String caption) {
        int from = md.indexOf(caption);
        return md.substring(from, md.indexOf("\n\n", md.indexOf("|---", from)));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
