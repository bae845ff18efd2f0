package dev.lineup.platform;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How the OpenAPI document describes an error answer ({@code application/problem+json}, RFC 9457),
 * as {@link ProblemMapper#render} writes it: errors[] only for invalid fields, and extension
 * members some problems add (field, running_run_id, retry_after_seconds, error_id).
 */
@Schema(
    name = "Problem",
    requiredProperties = {"type", "title", "status", "detail"},
    additionalProperties = Schema.True.class)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {}
