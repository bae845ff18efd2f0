package dev.lineup.account.entity;

import dev.lineup.platform.Crypto;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a secret column encrypted with {@link Crypto}; the entity holds the plain value. */
@Converter
public class EncryptedText implements AttributeConverter<String, String> {
  @Override
  public String convertToDatabaseColumn(String plain) {
    return plain == null ? null : Crypto.current().encrypt(plain);
  }

  @Override
  public String convertToEntityAttribute(String stored) {
    return stored == null ? null : Crypto.current().decrypt(stored);
  }
}
