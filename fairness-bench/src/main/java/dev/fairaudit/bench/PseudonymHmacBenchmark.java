package dev.fairaudit.bench;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two ways to compute the pseudonym's HMAC-SHA-256 of a nine-digit identifier over {@link MessageDigest}, in
 * nanoseconds per identifier (run with {@code -prof gc} for the bytes allocated):
 *
 * <ul>
 *   <li>{@link #fourBlocks}: what {@code Pseudonymizer} does: one reused digest, RFC 2104 as written (K XOR ipad,
 *       the identifier, K XOR opad, the inner hash): four SHA-256 compressions.</li>
 *   <li>{@link #primedClones}: the digest's state after K XOR ipad and after K XOR opad computed once, and
 *       {@code clone()}d per identifier: two compressions, and the clones' allocation.</li>
 * </ul>
 * Both give the same bytes (checked in the setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class PseudonymHmacBenchmark {

    private static final int IDS = 1024;

    byte[][] ids;
    int next;
    final byte[] innerPad = new byte[64];
    final byte[] outerPad = new byte[64];
    MessageDigest sha256;
    MessageDigest primedInner;
    MessageDigest primedOuter;
    final byte[] inner = new byte[32];
    final byte[] mac = new byte[32];

    /** Seeded identifiers and key; checks that both ways agree. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
        ids = new byte[IDS][];
        for (int i = 0; i < IDS; i++) {
            ids[i] = String.valueOf(100_000_000 + random.nextInt(900_000_000)).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < 64; i++) {
            byte b = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        sha256 = MessageDigest.getInstance("SHA-256");
        primedInner = MessageDigest.getInstance("SHA-256");
        primedInner.update(innerPad);
        primedOuter = MessageDigest.getInstance("SHA-256");
        primedOuter.update(outerPad);
        for (int i = 0; i < IDS; i++) {
            next = i;
            byte[] a = fourBlocks().clone();
            next = i;
            byte[] b = primedClones().clone();
            if (!MessageDigest.isEqual(a, b)) {
                throw new IllegalStateException("the two HMACs differ");
            }
        }
    }

    /** RFC 2104 as written, over one reused digest: four compressions, no allocation. */
    @Benchmark
    public byte[] fourBlocks() throws DigestException {
        byte[] id = ids[next++ & (IDS - 1)];
        MessageDigest d = sha256;
        d.update(innerPad);
        d.update(id);
        d.digest(inner, 0, 32);
        d.update(outerPad);
        d.update(inner);
        d.digest(mac, 0, 32);
        return mac;
    }

    /** The padded keys' states computed once and cloned: two compressions, two clones. */
    @Benchmark
    public byte[] primedClones() throws DigestException, CloneNotSupportedException {
        byte[] id = ids[next++ & (IDS - 1)];
        MessageDigest d = (MessageDigest) primedInner.clone();
        d.update(id);
        d.digest(inner, 0, 32);
        MessageDigest o = (MessageDigest) primedOuter.clone();
        o.update(inner);
        o.digest(mac, 0, 32);
        return mac;
    }
}
