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
     * The length of a line's head, everything before the payload: the writer canonicalises the payload straight
     * into the line buffer after this much room, and then fills the head in ({@link #head}, {@link #hashes}).
     */
    static int headLength(long seq, byte[] time, byte[] type) {
        return FIXED_PREFIX + Bytes.decimalLength(seq) + time.length + type.length;
    }

    /**
     * Writes the first part of a line's head at {@code at}:
     * <code>{"seq":N,"time":"T","type":"Y","payloadDigest":"</code> and the digest's 64 hex digits.
     *
     * @return the index of the digest's first hex digit
     */
    static int head(byte[] b, int at, long seq, byte[] time, byte[] type, byte[] payloadDigest) {
        at = headUpToDigest(b, at, seq, time, type);
        Bytes.hex32(payloadDigest, b, at);
        return at;
    }

    /**
     * As {@link #head}, with the payload digest given as its 64 hex digits at {@code digestHex[hexAt, hexAt + 64)}
     * (the encoder stage's): the same bytes.
     *
     * @return the index of the digest's first hex digit
     */
    static int headWithHex(byte[] b, int at, long seq, byte[] time, byte[] type, byte[] digestHex, int hexAt) {
        at = headUpToDigest(b, at, seq, time, type);
        System.arraycopy(digestHex, hexAt, b, at, 64);
        return at;
    }

    /** Writes <code>{"seq":N,"time":"T","type":"Y","payloadDigest":"</code> at {@code at}; returns the index after it. */
    private static int headUpToDigest(byte[] b, int at, long seq, byte[] time, byte[] type) {
        at = put(b, at, SEQ);
        at = Bytes.decimal(b, at, seq);
        at = put(b, at, TIME_KEY);
        at = put(b, at, time);
        at = put(b, at, TYPE_KEY);
        at = put(b, at, type);
        return put(b, at, DIGEST_KEY);
    }

    /**
     * Writes the rest of a line's head after the digest's hex digits at {@code at}:
     * <code>","prevHash":"P","hash":"H","payload":</code>, the previous hash given as its 64 hex digits.
     *
     * @return the index of this hash's first hex digit
     */
    static int hashes(byte[] b, int at, byte[] prevHashHex, byte[] hash) {
        at = put(b, at, PREV_KEY);
        System.arraycopy(prevHashHex, 0, b, at, 64);
        at = put(b, at + 64, HASH_KEY);
        Bytes.hex32(hash, b, at);
        put(b, at + 64, PAYLOAD_KEY);
        return at;
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
