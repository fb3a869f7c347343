package dev.fairaudit.core.log;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Writes one record line; the writer and the eraser produce lines only through here. */
final class LineFormat {

    /** ISO-8601 instant in UTC with exactly three fractional digits, e.g. {@code 2026-03-01T09:15:02.120Z}. */
    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private LineFormat() {
    }

    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] TIME_KEY = ascii(",\"time\":\"");
    private static final byte[] TYPE_KEY = ascii("\",\"type\":\"");
    private static final byte[] DIGEST_KEY = ascii("\",\"payloadDigest\":\"");
    private static final byte[] PREV_KEY = ascii("\",\"prevHash\":\"");
    private static final byte[] HASH_KEY = ascii("\",\"hash\":\"");
    private static final byte[] PAYLOAD_KEY = ascii("\",\"payload\":");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Bytes of a writer's line before its payload, apart from the sequence number, time and type. */
    private static final int FIXED_PREFIX = SEQ.length + TIME_KEY.length + TYPE_KEY.length + DIGEST_KEY.length
            + PREV_KEY.length + HASH_KEY.length + PAYLOAD_KEY.length + 3 * 64;

    /**
     * The writer's line head, kept from one record to the next:
     * <code>{"seq":N,"time":"T","type":"Y","payloadDigest":"D","prevHash":"P","hash":"H","payload":</code>, the
     * same bytes as {@link #line(Bytes, long, String, String, String, String, String, Bytes, String)} writes
     * before the payload. While the sequence number's digit count, the time
     * and the type stay the same (the time and type compared by reference: the writer keeps one array per
     * distinct time and type) a record writes only N, D and H into the kept head and copies it in one piece;
     * the head keeps the last H as the next record's P. Not thread-safe: the writer's.
     */
    static final class Head {
        private byte[] template = new byte[512];
        private int length;
        private int seqLength = -1;
        /** The sequence number whose digits the template holds (they are counted up from one record to the next). */
        private long seq = -1;
        private byte[] time;
        private byte[] type;
        private int digestAt;
        private int prevAt;
        private int hashAt;

        /** A head whose first record follows the record with hash {@code prevHash} (32 bytes). */
        Head(byte[] prevHash) {
            // until the first prepare, the previous hash lives where prepare takes it from
            prevAt = 0;
            Bytes.hex32(prevHash, template, 0);
        }

        /**
         * Makes the head ready for a record with these parts ({@code seqLength} is
         * {@code Bytes.decimalLength(seq)}).
         *
         * @return the length of the head, everything before the payload
         */
        int prepare(int seqLength, byte[] time, byte[] type) {
            if (seqLength != this.seqLength || time != this.time || type != this.type) {
                rebuild(seqLength, time, type);
            }
            return length;
        }

        private void rebuild(int seqLength, byte[] time, byte[] type) {
            int newLength = FIXED_PREFIX + seqLength + time.length + type.length;
            byte[] t = new byte[Math.max(template.length, newLength + 64)];
            int at = put(t, 0, SEQ) + seqLength;
            at = put(t, at, TIME_KEY);
            at = put(t, at, time);
            at = put(t, at, TYPE_KEY);
            at = put(t, at, type);
            at = put(t, at, DIGEST_KEY);
            int newDigestAt = at;
            at = put(t, at + 64, PREV_KEY);
            System.arraycopy(template, prevAt, t, at, 64);
            int newPrevAt = at;
            at = put(t, at + 64, HASH_KEY);
            int newHashAt = at;
            put(t, at + 64, PAYLOAD_KEY);
            template = t;
            length = newLength;
            digestAt = newDigestAt;
            prevAt = newPrevAt;
            hashAt = newHashAt;
            this.seqLength = seqLength;
            this.seq = -1;
            this.time = time;
            this.type = type;
        }

        /**
         * Completes the prepared head for record {@code seq}: the payload digest given as its 64 hex digits at
         * {@code digestHex[hexAt, hexAt + 64)} (the encoder stage's), and the record's hash {@code hash[0, 32)}.
         * The line's head is then {@code bytes()[0, length)}; {@link #advance} after copying it.
         */
        void fill(long seq, byte[] digestHex, int hexAt, byte[] hash) {
            seq(seq);
            byte[] t = template;
            System.arraycopy(digestHex, hexAt, t, digestAt, 64);
            Bytes.hex32(hash, t, hashAt);
        }

        /** The head filled in by {@link #fill}, in {@code [0, length)}. */
        byte[] bytes() {
            return template;
        }

        /** After a record's head was copied: its hash becomes the next record's previous hash. */
        void advance() {
            System.arraycopy(template, hashAt, template, prevAt, 64);
        }

        /** Puts {@code seq}'s digits in the template: the last record's plus one, usually (same digit count). */
        private void seq(long seq) {
            if (seq == this.seq + 1) {
                Bytes.increment(template, SEQ.length + seqLength - 1);
            } else if (seq != this.seq) {
                Bytes.decimal(template, SEQ.length, seq);
            }
            this.seq = seq;
        }
    }

    private static int put(byte[] b, int at, byte[] part) {
        System.arraycopy(part, 0, b, at, part.length);
        return at + part.length;
    }

    /** As the method below, for the writer: the three hashes as bytes, written in hex without strings. */
    static void line(Bytes out, long seq, String time, String type, byte[] payloadDigest, byte[] prevHash,
            byte[] hash, Bytes payload) {
        out.ascii("{\"seq\":");
        out.decimal(seq);
        out.ascii(",\"time\":\"");
        out.ascii(time);
        out.ascii("\",\"type\":\"");
        out.ascii(type);
        out.ascii("\",\"payloadDigest\":\"");
        out.hex(payloadDigest);
        out.ascii("\",\"prevHash\":\"");
        out.hex(prevHash);
        out.ascii("\",\"hash\":\"");
        out.hex(hash);
        out.ascii("\",\"payload\":");
        out.write(payload);
        out.write('}');
        out.write('\n');
    }

    /**
     * Appends {@code {"seq":..,"time":..,"type":..,"payloadDigest":..,"prevHash":..,"hash":..,"payload":..}}
     * and a newline. {@code payload} holds canonical bytes, or is null for an erased record, which then gets
     * {@code "erased":{"reason":..}}.
     */
    static void line(Bytes out, long seq, String time, String type, String payloadDigest, String prevHash,
            String hash, Bytes payload, String erasedReason) {
        out.ascii("{\"seq\":");
        out.decimal(seq);
        out.ascii(",\"time\":\"");
        out.ascii(time);
        out.ascii("\",\"type\":\"");
        out.ascii(type);
        out.ascii("\",\"payloadDigest\":\"");
        out.ascii(payloadDigest);
        out.ascii("\",\"prevHash\":\"");
        out.ascii(prevHash);
        out.ascii("\",\"hash\":\"");
        out.ascii(hash);
        out.ascii("\",\"payload\":");
        if (payload != null) {
            out.write(payload);
        } else {
            out.ascii("null,\"erased\":{\"reason\":");
            CanonicalJson.string(erasedReason, out);
            out.write('}');
        }
        out.write('}');
        out.write('\n');
    }
}
