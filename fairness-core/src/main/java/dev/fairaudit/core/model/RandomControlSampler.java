package dev.fairaudit.core.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a fixed share of cases to a random control arm, where each is selected or not by a coin with a fixed
 * probability, whatever its features.
 *
 * <p><b>Why.</b> A risk profile only sees outcomes of the cases it selects, so its hit rates say nothing about
 * the cases it passes over, and any bias in who it selects shapes the data used to judge it. Cases in the
 * random arm are selected independently of every characteristic, so the outcomes found there estimate each
 * group's base rate without the profile's bias, and the profile can be judged against those base rates.
 *
 * <p><b>How.</b> Draw {@code d} (0, 1, 2, ...: one per case offered, from a shared counter) is decided by two
 * uniform numbers computed from the seed and {@code d} alone (a SplitMix64 hash of the seeded counter, as
 * {@link java.util.SplittableRandom} uses): the first puts the case into the random arm when below
 * {@link #share()}, the second selects it when below {@link #selectionProbability()}. So:
 * <ul>
 * <li>the sampler is thread-safe and lock-free: the only shared state is the counter;</li>
 * <li>the same seed gives the same sequence of draws, and anyone with the seed can recompute from a record's
 *     seed and draw whether that case belonged in the random arm and whether it was selected, which makes the
 *     random arm verifiable; {@link AuditedModel} writes both into every RANDOM record;</li>
 * <li>which case gets which draw number depends on arrival order, which does not depend on the case's
 *     features, so the assignment stays random even when threads interleave.</li>
 * </ul>
 * Use a fresh, unpredictable seed (from {@link java.security.SecureRandom}) for each deployment so that nobody
 * can tell in advance which arrival will be drawn, and because a restarted counter with the same seed repeats
 * the same pattern of draws.
 */
public final class RandomControlSampler {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private final long seed;
    private final long mixedSeed;
    private final double share;
    private final double selectionProbability;
    private final AtomicLong next;

    private RandomControlSampler(long seed, double share, double selectionProbability, long firstDraw) {
        this.seed = seed;
        this.mixedSeed = mix(seed);
        this.share = share;
        this.selectionProbability = selectionProbability;
        this.next = new AtomicLong(firstDraw);
    }

    /**
     * A sampler whose draws start at 0.
     *
     * @param seed                 the seed, recorded in every RANDOM record
     * @param share                the share of cases sent to the random arm, in [0, 1]
     * @param selectionProbability the probability that a case in the random arm is selected, in [0, 1]
     * @return the sampler
     * @throws IllegalArgumentException when share or selectionProbability is outside [0, 1] or not a number
     */
    public static RandomControlSampler of(long seed, double share, double selectionProbability) {
        return startingAt(seed, share, selectionProbability, 0);
    }

    /**
     * A sampler whose first draw is {@code firstDraw}: to continue a sequence after a restart, from the last
     * draw number in the log plus one, rather than repeat it.
     *
     * @param seed                 the seed
     * @param share                the share of cases sent to the random arm, in [0, 1]
     * @param selectionProbability the probability that a case in the random arm is selected, in [0, 1]
     * @param firstDraw            the first draw number, at least 0
     * @return the sampler
     * @throws IllegalArgumentException when an argument is outside its range
     */
    public static RandomControlSampler startingAt(long seed, double share, double selectionProbability,
            long firstDraw) {
        requireProbability("share", share);
        requireProbability("selectionProbability", selectionProbability);
        if (firstDraw < 0) {
            throw new IllegalArgumentException("firstDraw must be at least 0, was " + firstDraw);
        }
        return new RandomControlSampler(seed, share, selectionProbability, firstDraw);
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The share of cases sent to the random arm. */
    public double share() {
        return share;
    }

    /** The probability that a case in the random arm is selected. */
    public double selectionProbability() {
        return selectionProbability;
    }

    /**
     * Takes the next draw number. Each call returns a number no other call returns.
     *
     * @return the draw number, to pass to {@link #inRandomArm(long)} and {@link #selected(long)}
     */
    public long nextDraw() {
        return next.getAndIncrement();
    }

    /**
     * Whether draw {@code draw} goes to the random arm. Depends only on the seed, the share and {@code draw}.
     *
     * @param draw a draw number, at least 0
     * @return true for the random arm
     */
    public boolean inRandomArm(long draw) {
        return uniform(draw, 0) < share;
    }

    /**
     * Whether draw {@code draw}, if in the random arm, is selected. Depends only on the seed, the selection
     * probability and {@code draw}, and is independent of {@link #inRandomArm(long)}.
     *
     * @param draw a draw number, at least 0
     * @return true when selected
     */
    public boolean selected(long draw) {
        return uniform(draw, 1) < selectionProbability;
    }

    /** Uniform in [0, 1): element {@code 2 * draw + stream} of a SplitMix64 sequence seeded with the seed. */
    private double uniform(long draw, int stream) {
        long z = mix(mixedSeed + GOLDEN_GAMMA * (2 * draw + stream + 1));
        return (z >>> 11) * DOUBLE_UNIT;
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014), as in {@link java.util.SplittableRandom}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Seed, share and selection probability; the seed is no secret once records carry it. */
    @Override
    public String toString() {
        return "RandomControlSampler[seed=" + seed + ", share=" + share + ", selectionProbability="
                + selectionProbability + "]";
    }
}
