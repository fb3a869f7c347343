package dev.fairaudit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The least a two-stage decision log must do per record, without the library: what this machine allows, as a
 * yardstick for {@link LogWriterCpuTime}. Stage A (a thread of its own) copies a ready 220-byte payload into a
 * batch, computes its SHA-256 and writes the digest's hex digits beside it; stage B (the main thread) gives each
 * record a line head of the log's shape (sequence number, a fixed time and type, the digest, the previous and the
 * new hash in hex), computes the chain's SHA-256 over the previous hash and {@code seq|time|type|digest}, copies
 * the payload after the head and writes the lines in 1 MiB pieces to a new file in {@code java.io.tmpdir}
 * (a direct buffer, as the writer does). Four batches of 4,096 records go round between the two, as in the
 * encoder stage. No JSON encoding, no queue from callers, no futures, no rotation: every record costs at least
 * this much in the real log.
 *
 * <p>{@code java -cp fairness-bench/target/benchmarks.jar dev.fairaudit.bench.LogPipelineFloor [RECORDS]
 * [ROUNDS] [write|nowrite]}: records per round (default 3,000,000), rounds (default 4; the first is the warm-up),
 * and whether stage B writes the file. Prints the rate and each stage's CPU time per record.
 */
public final class LogPipelineFloor {

    private static final int BATCH = 4096;
    private static final int BATCHES = 4;
    private static final int PAYLOAD = 220;
    private static final int BUFFER = 1 << 20;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String TIME = "2026-11-30T04:04:13.123Z";
    private static final String TYPE = "DECISION";

    private LogPipelineFloor() {
    }

    /** Payloads and their digests' hex digits, filled by stage A. */
    private static final class Batch {
        final byte[] payloads = new byte[BATCH * PAYLOAD];
        final byte[] hex = new byte[BATCH * 64];
        int count;
    }

    /**
     * Runs the rounds and prints one line each.
     *
     * @param args records, rounds, write or nowrite
     * @throws Exception when the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean write = args.length < 3 || !args[2].equals("nowrite");
        byte[][] payloads = new byte[1024][PAYLOAD];
        for (int i = 0; i < payloads.length; i++) {
            for (int j = 0; j < PAYLOAD; j++) {
                payloads[i][j] = (byte) ('a' + (i * 7 + j) % 26);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
            BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
            for (int i = 0; i < BATCHES; i++) {
                free.add(new Batch());
            }
            long[] stageACpu = new long[1];
            Thread stageA = new Thread(() -> {
                try {
                    stageA(records, payloads, free, full);
                    stageACpu[0] = threads.getCurrentThreadCpuTime();
                } catch (InterruptedException | NoSuchAlgorithmException | DigestException e) {
                    throw new IllegalStateException(e);
                }
            }, "floor-stage-a");
            Path file = Files.createTempFile("fairaudit-floor-", ".jsonl");
            try {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                stageA.start();
                stageB(records, write, file, free, full);
                stageA.join();
                long nanos = System.nanoTime() - t0;
                long stageBCpu = threads.getCurrentThreadCpuTime() - cpu0;
                System.out.printf("round %d: %,.0f records/s; stage A %,d ns CPU/record, stage B %,d ns CPU/record;"
                        + " %,d MB written%n", round, records / (nanos / 1e9), stageACpu[0] / records,
                        stageBCpu / records, Files.size(file) >> 20);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void stageA(long records, byte[][] payloads, BlockingQueue<Batch> free, BlockingQueue<Batch> full)
            throws InterruptedException, NoSuchAlgorithmException, DigestException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] digest = new byte[32];
        long done = 0;
        while (done < records) {
            Batch b = free.take();
            b.count = 0;
            while (b.count < BATCH && done < records) {
                int at = b.count * PAYLOAD;
                System.arraycopy(payloads[(int) (done & 1023)], 0, b.payloads, at, PAYLOAD);
                sha.update(b.payloads, at, PAYLOAD);
                sha.digest(digest, 0, 32);
                hex32(digest, b.hex, b.count * 64);
                b.count++;
                done++;
            }
            full.put(b);
        }
    }

    private static void stageB(long records, boolean write, Path file, BlockingQueue<Batch> free,
            BlockingQueue<Batch> full) throws IOException, InterruptedException, NoSuchAlgorithmException,
            DigestException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] hash = new byte[32];
        byte[] prevHex = new byte[64];
        byte[] hashHex = new byte[64];
        byte[] seqDigits = new byte[20];
        byte[] k1 = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
        byte[] k2 = (",\"time\":\"" + TIME + "\",\"type\":\"" + TYPE + "\",\"payloadDigest\":\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] k3 = "\",\"prevHash\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] k4 = "\",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] k5 = "\",\"payload\":".getBytes(StandardCharsets.US_ASCII);
        byte[] timeType = ("|" + TIME + "|" + TYPE + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] chainInput = new byte[32 + 20 + timeType.length + 64];
        ByteBuffer out = ByteBuffer.allocateDirect(BUFFER + 4096);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long seq = 0;
            while (seq < records) {
                Batch b = full.take();
                for (int i = 0; i < b.count; i++) {
                    seq++;
                    int digits = digits(seq, seqDigits);
                    // the chain: previous hash, then seq|time|type|digest
                    int n = 32;
                    System.arraycopy(seqDigits, 20 - digits, chainInput, n, digits);
                    n += digits;
                    System.arraycopy(timeType, 0, chainInput, n, timeType.length);
                    n += timeType.length;
                    System.arraycopy(b.hex, i * 64, chainInput, n, 64);
                    n += 64;
                    sha.update(chainInput, 0, n);
                    sha.digest(hash, 0, 32);
                    System.arraycopy(hash, 0, chainInput, 0, 32);
                    hex32(hash, hashHex, 0);
                    out.put(k1).put(seqDigits, 20 - digits, digits).put(k2).put(b.hex, i * 64, 64).put(k3)
                            .put(prevHex).put(k4).put(hashHex).put(k5).put(b.payloads, i * PAYLOAD, PAYLOAD)
                            .put((byte) '}').put((byte) '\n');
                    System.arraycopy(hashHex, 0, prevHex, 0, 64);
                    if (out.position() >= BUFFER) {
                        drain(out, channel, write);
                    }
                }
                free.put(b);
            }
            drain(out, channel, write);
        }
    }

    private static void drain(ByteBuffer out, FileChannel channel, boolean write) throws IOException {
        out.flip();
        while (write && out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }

    /** Writes {@code v}'s decimal digits at the end of {@code into[0, 20)}; returns how many. */
    private static int digits(long v, byte[] into) {
        int at = 20;
        do {
            into[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        return 20 - at;
    }

    private static void hex32(byte[] digest, byte[] out, int at) {
        for (int i = 0; i < 32; i++) {
            out[at + 2 * i] = HEX[(digest[i] >> 4) & 15];
            out[at + 2 * i + 1] = HEX[digest[i] & 15];
        }
    }
}
