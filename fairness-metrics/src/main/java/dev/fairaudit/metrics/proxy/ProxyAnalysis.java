package dev.fairaudit.metrics.proxy;

import java.util.List;

/**
 * What proxy screening and the conditional-disparity analysis found.
 *
 * @param settings             the settings they ran with
 * @param features             the candidate features
 * @param numericFeatures      the features binned by quantiles
 * @param proxies              every screened feature and pair against every attribute, in rank order
 * @param conditionalDisparity every feature × attribute × non-reference group
 * @param warnings             things a reader must know (weights ignored, pairs skipped, ...)
 */
public record ProxyAnalysis(
        ProxySettings settings,
        List<String> features,
        List<String> numericFeatures,
        List<ProxyFinding> proxies,
        List<ConditionalDisparity> conditionalDisparity,
        List<String> warnings) {

    /** Copies. */
    public ProxyAnalysis {
        features = List.copyOf(features);
        numericFeatures = List.copyOf(numericFeatures);
        proxies = List.copyOf(proxies);
        conditionalDisparity = List.copyOf(conditionalDisparity);
        warnings = List.copyOf(warnings);
    }

    /** The findings that are flagged, in rank order. */
    public List<ProxyFinding> flagged() {
        return proxies.stream().filter(ProxyFinding::flagged).toList();
    }
}
