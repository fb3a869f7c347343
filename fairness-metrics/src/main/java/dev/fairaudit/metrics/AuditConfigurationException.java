package dev.fairaudit.metrics;

/**
 * The audit's configuration does not fit the data: an intersection or reference names an attribute that is
 * not a protected attribute, or a declared reference group has no rows. The message names the setting and the
 * values that would fit.
 */
public final class AuditConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what does not fit, naming the setting and the valid choices */
    public AuditConfigurationException(String message) {
        super(message);
    }
}
