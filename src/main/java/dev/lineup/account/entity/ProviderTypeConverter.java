package dev.lineup.account.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link ProviderType} as its lower-case code ("xtream"), the value the API also uses. */
@Converter(autoApply = true)
public class ProviderTypeConverter implements AttributeConverter<ProviderType, String> {
  @Override
  public String convertToDatabaseColumn(ProviderType type) {
    return type == null ? null : type.code();
  }

  @Override
  public ProviderType convertToEntityAttribute(String code) {
    return code == null
        ? null
        : ProviderType.fromCode(code)
            .orElseThrow(() -> new IllegalStateException("Unknown provider type " + code));
  }
}
