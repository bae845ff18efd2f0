package dev.lineup.identity.control;

/**
 * CDI event: a person handed a channel of this account back to the matcher (in the transaction).
 */
public record GuideForgotten(long channelId, long accountId) {}
