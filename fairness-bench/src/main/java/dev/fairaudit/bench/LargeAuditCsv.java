package dev.fairaudit.bench;

import dev.fairaudit.core.table.TableSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the seeded decision file of the whole-process audit benchmark ({@code bench/run-large-audit.sh}): a CSV
 * with three protected attributes (3 genders × 5 migration backgrounds × 4 age bands = 60 intersections), a
 * selection route, the decision, a label known only for controlled cases, a score, a decision date in 2025 (an ISO
 * date, so {@code --time month} reads it), and ten candidate proxy features, two of which (postcode and language)
 * are tied to migration background. About 65 bytes per row, so ten million rows are about 650 MB.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.fairaudit.bench.LargeAuditCsv ROWS SEED FILE}. The same rows and
 * seed always give the same bytes.
 */
public final class LargeAuditCsv {

    static final String HEADER = "gender,migration_background,age_band,route,selected,violation,score,decided_on,"
            + "postcode,language,household,income_band,education,housing,benefit_years,car,children,district\n";

    private static final String[] GENDERS = {"f", "m", "x"};
    private static final String[] MIGRATION = {"none", "west", "tr", "ma", "sr"};
    private static final String[] AGE_BANDS = {"18-26", "27-39", "40-64", "65+"};
    private static final String[] LANGUAGES = {"nl", "en", "tr", "ar", "other"};
    private static final String[] HOUSEHOLDS = {"s", "c", "f", "h"};
    private static final String[] HOUSING = {"o", "r", "s"};

    private LargeAuditCsv() {
    }

    /**
     * The table of a full audit of this file (the columns of {@code bench/run-large-audit.sh}'s full run): three
     * protected attributes, decision, label, score, route, time and ten features.
     */
    static TableSpec fullSpec() {
        return TableSpec.builder()
                .protectedAttributes("gender", "migration_background", "age_band")
                .decision("selected=1")
                .label("violation=1")
                .score("score")
                .route("route")
                .timestamp("decided_on")
                .features("postcode", "language", "household", "education", "housing", "car", "district",
                        "income_band", "benefit_years", "children")
                .build();
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: LargeAuditCsv ROWS SEED FILE");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        Path file = Path.of(args[2]);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            write(rows, seed, out);
        }
    }

    /** Writes {@code rows} data rows after the header. */
    static void write(long rows, long seed, OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] genderCumulative = {0.49, 0.985, 1.0};
        double[] migrationCumulative = BenchData.cumulative(MIGRATION.length, 0.45);
        double[] ageCumulative = {0.18, 0.45, 0.85, 1.0};
        StringBuilder line = new StringBuilder(160);
        byte[] bytes = new byte[256];
        out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
        for (long r = 0; r < rows; r++) {
            int gender = draw(genderCumulative, random.nextDouble());
            int migration = draw(migrationCumulative, random.nextDouble());
            int age = draw(ageCumulative, random.nextDouble());
            // Postcode: 400 four-digit codes; people with a migration background live more often in the first 80.
            int postcode = migration > 1 && random.nextDouble() < 0.7 ? random.nextInt(80) : random.nextInt(400);
            int language = migration > 1 && random.nextDouble() < 0.5 ? migration : (random.nextDouble() < 0.9 ? 0
                    : 1 + random.nextInt(LANGUAGES.length - 1));
            double score = Math.min(0.999, Math.max(0.0, 0.3 * random.nextDouble() + (postcode < 80 ? 0.25 : 0.1)
                    + (language > 1 ? 0.2 : 0.0) + 0.2 * random.nextDouble()));
            double u = random.nextDouble();
            String route;
            boolean selected;
            if (u < 0.03) {
                route = "RANDOM";
                selected = true;
            } else if (u < 0.04) {
                route = "MANUAL";
                selected = random.nextDouble() < 0.5;
            } else {
                route = "PROFILE";
                selected = score > 0.55;
            }
            line.setLength(0);
            line.append(GENDERS[gender]).append(',').append(MIGRATION[migration]).append(',')
                    .append(AGE_BANDS[age]).append(',').append(route).append(',').append(selected ? '1' : '0')
                    .append(',');
            if (selected) {
                line.append(random.nextDouble() < 0.06 ? '1' : '0'); // equal true violation rate for everyone
            }
            line.append(',').append("0.").append(Integer.toString(100 + (int) (score * 100)), 1, 3)
                    .append(",2025-").append(twoDigits(1 + random.nextInt(12))).append('-')
                    .append(twoDigits(1 + random.nextInt(28))).append(',')
                    .append(1000 + postcode * 7).append(',').append(LANGUAGES[language]).append(',')
                    .append(HOUSEHOLDS[random.nextInt(HOUSEHOLDS.length)]).append(',')
                    .append(random.nextInt(10)).append(',')
                    .append(random.nextInt(5)).append(',')
                    .append(HOUSING[postcode < 80 ? (random.nextDouble() < 0.6 ? 2 : 1) : random.nextInt(3)]).append(',')
                    .append(random.nextInt(20)).append(',')
                    .append(random.nextBoolean() ? 'y' : 'n').append(',')
                    .append(random.nextInt(4)).append(',')
                    .append("d").append(postcode / 40).append('\n');
            for (int i = 0; i < line.length(); i++) {
                bytes[i] = (byte) line.charAt(i);
            }
            out.write(bytes, 0, line.length());
        }
    }

    private static String twoDigits(int m) {
        return m < 10 ? "0" + m : Integer.toString(m);
    }

    private static int draw(double[] cumulative, double u) {
        int k = 0;
        while (u >= cumulative[k] && k < cumulative.length - 1) {
            k++;
        }
        return k;
    }
}
