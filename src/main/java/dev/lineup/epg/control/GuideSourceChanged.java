package dev.lineup.epg.control;

/**
 * CDI event: a guide source was created or changed (in the saving transaction); {@code fetch} says
 * whether its guide is to be fetched (new, a new URL, or enabled again). Observers act once the
 * change committed.
 */
public record GuideSourceChanged(long sourceId, boolean fetch) {}
