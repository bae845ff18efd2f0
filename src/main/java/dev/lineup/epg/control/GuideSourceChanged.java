package dev.lineup.epg.control;

/**
 * CDI event: a guide source was created or changed (in the saving transaction); {@code fetch} says
 * whether its guide is to be fetched (new, a new URL, or enabled again), {@code rematch} whether
 * channels are to look again (switched on or off, another priority). Observers act once the change
 * committed.
 */
public record GuideSourceChanged(long sourceId, boolean fetch, boolean rematch) {}
