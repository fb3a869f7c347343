package dev.fairaudit.core.log;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Writes one record line; the writer and the eraser produce lines only through here. */
final class LineFormat {

    /** ISO-8601 instant in UTC with exactly three fractional digits, e.g. {@code 2026-03-01T09:15:02.120Z}. */
    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private LineFormat() {
    }

    /**
     * Appends {@code {"seq":..,"time":..,"type":..,"payloadDigest":..,"prevHash":..,"hash":..,"payload":..}}
     * and a newline. {@code payload} holds canonical bytes, or is null for an erased record, which then gets
     * {@code "erased":{"reason":..}}.
     */
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
