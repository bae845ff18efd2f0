package dev.lineup.platform;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The OpenAPI document's shared answers. The problems every operation can give because of how the
 * API is reached, not what it does, are added here once (mp.openapi.filter): 401 to every
 * operation, 403 to every change (the cross-site and CSRF checks), 400 to every operation that
 * reads a JSON body. Each resource method declares the rest itself ({@code @APIResponse(ref =
 * ApiDocument.NOT_FOUND)}, a 201, a 409...). The answers themselves are components of {@link
 * LineupApplication}, each an {@code application/problem+json} {@link Problem}.
 */
public class ApiDocument implements OASFilter {
  public static final String TOKEN = "token";
  public static final String SESSION = "session";
  public static final String BAD_REQUEST = "BadRequest";
  public static final String UNAUTHORIZED = "Unauthorized";
  public static final String FORBIDDEN = "Forbidden";
  public static final String NOT_FOUND = "NotFound";
  public static final String CONFLICT = "Conflict";
  public static final String INVALID = "Invalid";
  public static final String PROVIDER_FAILED = "ProviderFailed";
  public static final String PROVIDER_TIMEOUT = "ProviderTimeout";
  public static final String TOO_LARGE = "TooLarge";

  @Override
  public void filterOpenAPI(OpenAPI document) {
    if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem path : document.getPaths().getPathItems().values()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
        Operation operation = entry.getValue();
        if (operation.getResponses() == null) {
          operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        add(responses, "401", UNAUTHORIZED);
        if (entry.getKey() != PathItem.HttpMethod.GET) {
          add(responses, "403", FORBIDDEN);
        }
        if (operation.getRequestBody() != null) {
          add(responses, "400", BAD_REQUEST);
        }
      }
    }
  }

  private static void add(APIResponses responses, String status, String name) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(
          status, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
    }
  }
}
