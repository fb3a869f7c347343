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

    /**
     * As the method below, for the writer: time and type as their ASCII bytes, the three hashes as bytes (32
     * each), written in hex without strings; the same bytes.
     */
    static void line(Bytes out, long seq, byte[] time, byte[] type, byte[] payloadDigest, byte[] prevHash,
            byte[] hash, Bytes payload) {
        out.ensure(SEQ.length + 20 + TIME_KEY.length + time.length + TYPE_KEY.length + type.length
                + DIGEST_KEY.length + PREV_KEY.length + HASH_KEY.length + 3 * 64 + PAYLOAD_KEY.length + payload.len
                + 2);
        out.write(SEQ);
        out.decimal(seq);
        out.write(TIME_KEY);
        out.write(time);
        out.write(TYPE_KEY);
        out.write(type);
        out.write(DIGEST_KEY);
        out.hex(payloadDigest, 0, 32);
        out.write(PREV_KEY);
        out.hex(prevHash, 0, 32);
        out.write(HASH_KEY);
        out.hex(hash, 0, 32);
        out.write(PAYLOAD_KEY);
        out.write(payload);
        out.write('}');
        out.write('\n');
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
