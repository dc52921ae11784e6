/**
 * {@code keyfleet-sim soak}: a normal fleet on jittered schedules with a few injected
 * misbehaving devices, and the report of how well the server's anomaly detection did
 * (issue 8, "Quality of detection, measured"): detections and time to detect per kind,
 * false positives per 1,000 device-hours, false quarantines.
 */
package io.keyfleet.sim.soak;
