package dev.fairaudit.report.document;

import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.GroupAudit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The fixed small dataset of the document tests: a fraud control (being selected is adverse) over 600 people,
 * with origin (three large groups, and a group named {@code <script>alert(1)</script>} of 6 people that must stay
 * text and be withheld) and sex. Origin "non-European" is selected far more often than "Dutch".
 */
final class Fixture {

    static final Instant DATE = Instant.parse("2026-01-15T12:00:00Z");

    private Fixture() {
    }

    /** The CSV text: deterministic, no randomness. */
    static String csv() {
        StringBuilder sb = new StringBuilder("id,origin,sex,selected,found\n");
        int id = 0;
        // origin, rows, selected per 100, found among selected per 100, found among not selected per 100
        Object[][] groups = {
            {"Dutch", 300, 10, 40, 8},
            {"European", 120, 12, 40, 8},
            {"non-European", 174, 30, 30, 8},
            {"<script>alert(1)</script>", 6, 50, 50, 0},
        };
        for (Object[] g : groups) {
            int rows = (Integer) g[1];
            for (int i = 0; i < rows; i++) {
                boolean selected = i * 100 / rows < (Integer) g[2];
                int within = selected ? i : i - rows * (Integer) g[2] / 100;
                boolean found = selected ? within % 10 < (Integer) g[3] / 10 : within % 100 < (Integer) g[4];
                sb.append(id++).append(',').append(g[0].toString().contains(",") ? "x" : g[0]).append(',')
                        .append(i % 2 == 0 ? "F" : "M").append(',').append(selected ? "yes" : "no").append(',')
                        .append(found ? 1 : 0).append('\n');
            }
        }
        return sb.toString();
    }

    /** The audit of the dataset, without document control. */
    static AuditResult result(Path dir) {
        try {
            Path file = dir.resolve("decisions.csv");
            Files.writeString(file, csv());
            TableSpec spec = TableSpec.builder().protectedAttributes(java.util.List.of("origin", "sex"))
                    .decision("selected=yes").label("found=1").build();
            AuditSettings settings = AuditSettings.builder().favourable(Favourable.NOT_SELECTED)
                    .intersect("origin", "sex").build();
            return new GroupAudit(settings).run(TableReader.read(file, spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With document control: threshold 10, a fixed date, the given scope. */
    static AuditResult prepared(Path dir, Map<String, String> scope) {
        return AuditDocuments.prepare(result(dir), new DocumentOptions(10, scope, null, null, null, DATE));
    }
}
