package dev.fairaudit.core.log;

/**
 * The encoder stage's work per record ({@code EncoderStage.encode}: the canonical payload, its SHA-256 and the
 * digest's hex digits into a batch), without the queue, the batches' hand-over and the other threads, for
 * {@code dev.fairaudit.bench.EncoderCpuTime}. It lives in the benchmarks' jar, in the log's package, because
 * those steps are package-private; it uses only what the library has had since the encoder stage came (session
 * 7), so that an older library's classes put first on the class path run the same steps.
 */
public final class EncoderSteps {

    private final Bytes payloads = new Bytes(EncoderStage.BATCH_BYTES + (64 << 10));
    private final CanonicalWriter contentWriter = new CanonicalWriter(payloads);
    private final CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
    private final ChainHasher hasher = new ChainHasher(null);
    private final byte[] digest = new byte[32];
    private final byte[] digestHex = new byte[64 * 4096];
    private int count;

    /**
     * Encodes one record as the encoder stage does; a batch's worth of records (4,096, or 1 MiB of payloads)
     * starts the buffer over.
     *
     * @param type    the record's type
     * @param payload a JSON tree ({@code ObjectNode}) or a {@link RecordContent}
     * @return the payload's length in bytes
     */
    public int encode(RecordType type, Object payload) {
        if (count == 4096 || payloads.len >= EncoderStage.BATCH_BYTES) {
            payloads.clear();
            count = 0;
        }
        int start = payloads.len;
        int length = CanonicalJson.writePayload(type, payload, payloads, contentWriter, scratch);
        hasher.sha256(payloads.buf, start, length, digest);
        Bytes.hex32(digest, digestHex, 64 * count);
        count++;
        return length;
    }
}
