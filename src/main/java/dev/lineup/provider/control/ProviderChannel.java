package dev.lineup.provider.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A live channel as the provider sends it, its quirks already smoothed (numbers from strings, empty
 * strings to null). {@link #fingerprint()} changes exactly when a provider field changes, so a sync
 * can tell a real change from a re-send.
 */
public record ProviderChannel(
    String streamId,
    Integer num,
    String name,
    String categoryId,
    String streamType,
    String streamIcon,
    String epgChannelId,
    Long added,
    String customSid,
    boolean tvArchive,
    Integer tvArchiveDuration,
    String directSource,
    String streamUrl,
    String extras) {

  public long fingerprint() {
    MessageDigest digest = Sha256.digest();
    for (Object field :
        new Object[] {
          num,
          name,
          categoryId,
          streamType,
          streamIcon,
          epgChannelId,
          added,
          customSid,
          tvArchive,
          tvArchiveDuration,
          directSource,
          streamUrl,
          extras
        }) {
      digest.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    byte[] hash = digest.digest();
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (hash[i] & 0xff);
    }
    return value;
  }

  @Override
  public String toString() {
    // direct_source and stream_url may carry credentials.
    return "ProviderChannel[" + streamId + ", " + name + "]";
  }
}
