package cloud.nextmcp.core.github;

/** A stored webhook delivery: queued until the worker processed it once, then done, ignored (with why) or failed. */
public enum DeliveryStatus {
    QUEUED, DONE, IGNORED, FAILED
}
