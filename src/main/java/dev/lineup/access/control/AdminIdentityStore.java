package dev.lineup.access.control;

import dev.lineup.access.entity.Admin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/**
 * Jakarta Security's identity store for the sign-in form: the admin's username (any case) and
 * password. A wrong username costs as much time as a wrong password.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {
  /** The one role; the web.xml constraints ask for it on everything that is not public. */
  public static final String ROLE = "admin";

  @PersistenceContext EntityManager em;
  @Inject AdminPasswords passwords;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    String password = login.getPasswordAsString();
    Optional<Admin> admin =
        Admin.find(em).filter(a -> a.username().equalsIgnoreCase(login.getCaller()));
    if (admin.isEmpty()) {
      passwords.decoy(password);
      return CredentialValidationResult.INVALID_RESULT;
    }
    return admin.get().verify(password, passwords.hash())
        ? new CredentialValidationResult(admin.get().username(), Set.of(ROLE))
        : CredentialValidationResult.INVALID_RESULT;
  }
}
