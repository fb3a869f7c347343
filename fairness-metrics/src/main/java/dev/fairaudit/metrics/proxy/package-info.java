/**
 * Proxy screening and conditional disparity: which candidate features carry information about a protected
 * attribute (bias-corrected Cramér's V, uncertainty coefficient, out-of-fold AUC, single features and pairs),
 * and whether a decision disparity between groups remains within the strata of a feature
 * (Cochran–Mantel–Haenszel, Mantel–Haenszel odds ratio, conditional demographic disparity).
 *
 * <p>Everything is computed from {@link dev.fairaudit.metrics.proxy.ProxyCounts}, a mergeable count state of
 * feature × attribute × fold × decision cells; see {@code docs/proxies.md} for what each measure means.
 */
package dev.fairaudit.metrics.proxy;
