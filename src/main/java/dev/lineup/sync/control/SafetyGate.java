package dev.lineup.sync.control;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a fetched lineup looks wrong enough to keep the stored one as it is: a provider
 * that answers with no channels, or without more than {@code maxDeactivateShare} ({@code
 * SYNC_MAX_DEACTIVATE_SHARE}) of the active channels or categories, is far more often broken than
 * changed. Zero channels is never taken as "the provider has no channels". {@code force} accepts
 * whatever was fetched. Pure: the figures come from the sync's staging.
 */
record SafetyGate(double maxDeactivateShare) {

  /**
   * What a list holds now: how many were fetched, how many are active, and how many of those the
   * fetched list lacks.
   */
  record Figures(int fetched, int active, int missing) {
    double share() {
      return active == 0 ? 0 : (double) missing / active;
    }
  }

  /**
   * Why the sync must not apply, or empty when it may. {@code channels} or {@code categories} is
   * null when the sync's scope leaves that list out.
   */
  Optional<String> doubt(boolean force, Figures channels, Figures categories) {
    if (force) {
      return Optional.empty();
    }
    if (channels != null) {
      if (channels.fetched() == 0) {
        return Optional.of(
            "The provider returned no channels; nothing was changed. Sync with force=true to"
                + " accept an empty lineup.");
      }
      Optional<String> doubt = loss(channels, "channels");
      if (doubt.isPresent()) {
        return doubt;
      }
    }
    if (categories != null) {
      if (categories.fetched() == 0 && categories.active() > 0) {
        return Optional.of(
            "The provider returned no categories; nothing was changed. Sync with force=true to"
                + " accept that.");
      }
      return loss(categories, "categories");
    }
    return Optional.empty();
  }

  private Optional<String> loss(Figures figures, String what) {
    if (figures.share() <= maxDeactivateShare) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "The provider's list lacks %d of %d active %s (%.0f %%, above the %.0f %% limit);"
                + " nothing was changed. Sync with force=true if the provider really dropped them.",
            figures.missing(),
            figures.active(),
            what,
            figures.share() * 100,
            maxDeactivateShare * 100));
  }
}
