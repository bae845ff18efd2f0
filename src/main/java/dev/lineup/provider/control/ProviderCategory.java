package dev.lineup.provider.control;

/** A category (Xtream) or group (M3U) as the provider sends it. */
public record ProviderCategory(String categoryId, String name) {}
