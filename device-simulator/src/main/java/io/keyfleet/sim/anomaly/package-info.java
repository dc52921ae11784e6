/**
 * Misbehaving devices and their detection (CONTRACT "Provisioning, lifecycle and
 * anomalies"): the behaviours that the server's anomaly detector must notice (a clone,
 * stolen credentials, a burst of wrong secrets, a firmware change without a policy
 * rollout, a revoked token replayed, a token burst), the devices that play them from chosen
 * loopback source addresses, and the watch on the admin API's anomaly list. Used by the
 * {@code attack} scenarios and by {@code soak}.
 */
package io.keyfleet.sim.anomaly;
