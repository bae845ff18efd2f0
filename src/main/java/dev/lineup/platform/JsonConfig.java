package dev.lineup.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * API JSON uses snake_case (the legacy tool's shapes), keeps null members visible and lists members
 * in declaration order (id first).
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {
  private static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
              .withNullValues(true)
              .withPropertyOrderStrategy(PropertyOrderStrategy.ANY));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
