package dev.lineup.tag.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the rule enums as their lower-case codes, the values the API uses too. */
public final class CodeConverters {
  private CodeConverters() {}

  @Converter
  public static class PatternTypeConverter implements AttributeConverter<PatternType, String> {
    @Override
    public String convertToDatabaseColumn(PatternType type) {
      return type == null ? null : type.code();
    }

    @Override
    public PatternType convertToEntityAttribute(String code) {
      return code == null ? null : PatternType.fromCode(code).orElseThrow();
    }
  }

  @Converter
  public static class RuleSourceConverter implements AttributeConverter<RuleSource, String> {
    @Override
    public String convertToDatabaseColumn(RuleSource source) {
      return source == null ? null : source.code();
    }

    @Override
    public RuleSource convertToEntityAttribute(String code) {
      return code == null ? null : RuleSource.fromCode(code).orElseThrow();
    }
  }
}
