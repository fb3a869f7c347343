package dev.fairaudit.core.log;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a {@link DecisionLog} writes. Build with {@link #builder()}; {@link #defaults()} is group commit
 * (256 records / 5 ms), 64 MiB segments, a queue of 65,536 records that blocks when full, no key, the UTC
 * system clock.
 *
 * @param durability    when a record's commit completes; see {@link Durability}
 * @param segmentBytes  a segment is closed and the next one started before a record would take it beyond this
 *                      size (a single larger record gets a segment of its own)
 * @param queueCapacity records accepted but not yet written, at most
 * @param backpressure  what {@code append} does when the queue is full
 * @param hmacKey       the key for an HMAC-SHA-256 chain, or null for a plain SHA-256 chain; at least 32 bytes;
 *                      copied in and out, never printed
 * @param clock         the clock the writer stamps records with
 */
public record LogOptions(Durability durability, long segmentBytes, int queueCapacity, Backpressure backpressure,
        byte[] hmacKey, Clock clock) {

    /** Default segment size: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    /** Default queue capacity. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** Largest queue capacity accepted. */
    public static final int MAX_QUEUE_CAPACITY = 1 << 24;
    /** Shortest HMAC key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;

    /** Validates and copies the key. */
    public LogOptions {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(clock, "clock");
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segmentBytes must be at least 1, was " + segmentBytes);
        }
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("queueCapacity must be in [1, " + MAX_QUEUE_CAPACITY + "], was "
                    + queueCapacity);
        }
        if (hmacKey != null) {
            if (hmacKey.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("hmacKey must be at least " + MIN_KEY_BYTES + " bytes, was "
                        + hmacKey.length);
            }
            hmacKey = hmacKey.clone();
        }
    }

    /** @return the defaults (see the type's description) */
    public static LogOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a copy of the key, or null when the chain is not keyed */
    @Override
    public byte[] hmacKey() {
        return hmacKey == null ? null : hmacKey.clone();
    }

    /** @return whether the chain is keyed */
    public boolean keyed() {
        return hmacKey != null;
    }

    /** Compares keys by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LogOptions other && durability.equals(other.durability)
                && segmentBytes == other.segmentBytes && queueCapacity == other.queueCapacity
                && backpressure == other.backpressure && Arrays.equals(hmacKey, other.hmacKey)
                && clock.equals(other.clock);
    }

    /** Hashes the key by content. */
    @Override
    public int hashCode() {
        return Objects.hash(durability, segmentBytes, queueCapacity, backpressure, Arrays.hashCode(hmacKey), clock);
    }

    /** Says whether there is a key, never what it is. */
    @Override
    public String toString() {
        return "LogOptions[durability=" + durability + ", segmentBytes=" + segmentBytes + ", queueCapacity="
                + queueCapacity + ", backpressure=" + backpressure + ", hmacKey=" + (keyed() ? "(set)" : "none")
                + ", clock=" + clock + "]";
    }

    /** Builds {@link LogOptions}; every setting starts at its default. */
    public static final class Builder {
        private Durability durability = Durability.groupCommit(256, Duration.ofMillis(5));
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Backpressure backpressure = Backpressure.BLOCK;
        private byte[] hmacKey;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets when a record's commit completes (default: group commit, 256 records or 5 ms).
         *
         * @param durability when commits complete
         * @return this builder
         */
        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        /**
         * Sets the segment size at which the writer starts a new segment (default 64 MiB).
         *
         * @param segmentBytes the size in bytes, at least 1
         * @return this builder
         */
        public Builder segmentBytes(long segmentBytes) {
            this.segmentBytes = segmentBytes;
            return this;
        }

        /**
         * Sets how many records may wait for the writer (default 65,536).
         *
         * @param queueCapacity the capacity, in [1, 2^24]
         * @return this builder
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * Sets what a full queue does to the caller (default {@link Backpressure#BLOCK}).
         *
         * @param backpressure block or fail fast
         * @return this builder
         */
        public Builder backpressure(Backpressure backpressure) {
            this.backpressure = backpressure;
            return this;
        }

        /**
         * Sets the HMAC-SHA-256 key that makes the chain keyed (default none: plain SHA-256).
         *
         * @param hmacKey at least 32 bytes (copied), or null for an unkeyed chain
         * @return this builder
         */
        public Builder hmacKey(byte[] hmacKey) {
            this.hmacKey = hmacKey == null ? null : hmacKey.clone();
            return this;
        }

        /**
         * Sets the clock records are stamped with (tests use a fixed one).
         *
         * @param clock the clock (default: the UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException when a setting is out of range, naming it
         */
        public LogOptions build() {
            return new LogOptions(durability, segmentBytes, queueCapacity, backpressure, hmacKey, clock);
        }
    }
}
