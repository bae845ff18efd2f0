package dev.lineup.playlist.control;

/**
 * A playlist config is about to be deleted. Observers that still need it refuse with a {@link
 * dev.lineup.platform.ProblemException} (409), which stops the deletion.
 */
public record PlaylistDeleting(long playlistId, String name) {}
