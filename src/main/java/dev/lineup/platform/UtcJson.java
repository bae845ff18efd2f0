package dev.lineup.platform;

import jakarta.json.bind.adapter.JsonbAdapter;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A UTC time in a JSON view: written as {@link Timestamped#iso} writes it ("2026-11-26T05:49:31Z"),
 * so a view record keeps the time typed ({@code @JsonbTypeAdapter(UtcJson.class) LocalDateTime})
 * and its JSON keeps the API's string.
 */
public class UtcJson implements JsonbAdapter<LocalDateTime, String> {
  @Override
  public String adaptToJson(LocalDateTime utc) {
    return Timestamped.iso(utc);
  }

  @Override
  public LocalDateTime adaptFromJson(String iso) {
    return iso == null
        ? null
        : OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }
}
