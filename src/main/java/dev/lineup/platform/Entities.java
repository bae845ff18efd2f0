package dev.lineup.platform;

import jakarta.persistence.EntityManager;

/**
 * The API's two questions about stored things, answered once for every entity: "which one is this
 * id" (else 404) and "is this name free" (else 409). Each entity names itself in its own {@code
 * require}, e.g. {@code Account.require(em, id)}.
 */
public final class Entities {
  private Entities() {}

  /**
   * The {@code type} with this id.
   *
   * @param what how a 404 names it ("Account" gives "Account 7 does not exist.")
   * @throws ProblemException 404 when there is none
   */
  public static <T> T require(EntityManager em, Class<T> type, long id, String what) {
    T found = em.find(type, id);
    if (found == null) {
      throw ProblemException.notFound(what, id);
    }
    return found;
  }

  /**
   * Fails with a 409 naming the field when another {@code type} than {@code exceptId} (-1 for none)
   * has this name. The database compares, with the column's collation (case and accents ignored),
   * as the table's UNIQUE constraint on the name will.
   *
   * @param named how the answer names the kind ("An account" gives "An account named 'X' already
   *     exists.")
   */
  public static void requireUniqueName(
      EntityManager em, Class<?> type, String name, long exceptId, String named) {
    long others =
        em.createQuery(
                "SELECT COUNT(e) FROM "
                    + em.getMetamodel().entity(type).getName()
                    + " e WHERE e.name = :name AND e.id <> :exceptId",
                Long.class)
            .setParameter("name", name)
            .setParameter("exceptId", exceptId)
            .getSingleResult();
    if (others > 0) {
      throw ProblemException.conflict(named + " named '" + name + "' already exists.")
          .with("field", "name");
    }
  }
}
