package dev.fairaudit.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void isoMillisMatchesTheJdkFormatterForYearsZeroToNineThousandNineHundredNinetyNine() {
        long first = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        qt().forAll(longs().between(first, last)).checkAssert(ms ->
                assertEquals(REFERENCE.format(Instant.ofEpochMilli(ms)), Json.isoMillis(ms)));
        for (long ms : new long[] {first, last, -1, 0, 1, 951_782_400_000L /* 2000-02-29 */}) {
            assertEquals(REFERENCE.format(Instant.ofEpochMilli(ms)), Json.isoMillis(ms));
        }
    }

    @Test
    void isoMillisFallsBackOutsideFourDigitYears() {
        long ms = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
        assertEquals("+10000-01-01T00:00:00Z", Json.isoMillis(ms));
    }

    @Test
    void mapValuesBecomeTheMatchingJsonNodes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "a");
        m.put("flag", true);
        m.put("int", 3);
        m.put("long", 4L);
        m.put("double", 0.5);
        m.put("decimal", new BigDecimal("1.10"));
        m.put("enum", SelectionRoute.SIGNAL);
        m.put("date", LocalDate.of(2026, 11, 29));
        m.put("missing", null);
        m.put("list", List.of(1, 2));
        ObjectNode node = Json.objectOf(m);
        assertEquals("{\"text\":\"a\",\"flag\":true,\"int\":3,\"long\":4,\"double\":0.5,\"decimal\":1.10,"
                + "\"enum\":\"SIGNAL\",\"date\":\"2026-11-29\",\"missing\":null,\"list\":[1,2]}", node.toString());
        assertTrue(node.get("long").isLong());
    }
}
