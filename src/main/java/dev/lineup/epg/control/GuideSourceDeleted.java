package dev.lineup.epg.control;

/**
 * CDI event: a guide source is being deleted (in the deleting transaction); {@code guide} is its
 * reference ({@code source:1}), {@code key} its stored guide's key.
 */
public record GuideSourceDeleted(long sourceId, String guide, String key) {}
