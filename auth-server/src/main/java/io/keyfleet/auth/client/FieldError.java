package io.keyfleet.auth.client;

/** One reason a registration was refused, for the {@code errors} member of a problem. */
public record FieldError(String field, String message) {
}
