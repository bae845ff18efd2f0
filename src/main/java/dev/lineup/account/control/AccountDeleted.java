package dev.lineup.account.control;

import dev.lineup.account.entity.Account;

/**
 * CDI event: an account was deleted, with everything stored in the database that it owned (the
 * schema cascades). Fired inside the deleting transaction; what lives outside the database (the
 * stored guide file, the search index's compaction) observes it after the commit ({@code
 * TransactionPhase.AFTER_SUCCESS}).
 *
 * @param account the deleted account, detached (its id and creation time name its files)
 */
public record AccountDeleted(Account account) {}
