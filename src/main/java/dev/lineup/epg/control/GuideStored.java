package dev.lineup.epg.control;

/** A provider's guide was stored anew under {@code key} (see {@link GuideRefresh#key}). */
public record GuideStored(String key) {}
