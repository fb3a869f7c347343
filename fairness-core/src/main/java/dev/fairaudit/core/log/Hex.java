package dev.fairaudit.core.log;

import java.util.HexFormat;

/** Lowercase hexadecimal, as every hash in the log is written. */
final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    /** 64 zeros: the {@code prevHash} of the first record. */
    static final String ZERO_HASH = "0".repeat(64);

    private Hex() {
    }

    static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Whether {@code s} is 64 lowercase hexadecimal digits (a SHA-256 or HMAC-SHA-256 value). */
    static boolean isHash(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
