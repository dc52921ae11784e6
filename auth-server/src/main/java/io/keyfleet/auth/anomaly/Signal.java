package io.keyfleet.auth.anomaly;

import tools.jackson.databind.node.ObjectNode;

/**
 * What one event showed about its client: an anomaly of {@code kind} with a score and the
 * evidence for it, before it is recorded.
 */
record Signal(AnomalyKind kind, int score, ObjectNode evidence) {

}
