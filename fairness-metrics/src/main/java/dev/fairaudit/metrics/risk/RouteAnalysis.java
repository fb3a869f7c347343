package dev.fairaudit.metrics.risk;

import java.util.List;

/**
 * Everything the selection-route column shows.
 *
 * @param column          the route column's name
 * @param routes          the route values that occur, in value order
 * @param profileRoute    the value taken as the profile route ({@code PROFILE}, any case), or null
 * @param randomRoute     the value taken as the random route ({@code RANDOM}, any case), or null
 * @param cells           per grouping, group and route: selection and hit rates
 * @param baseRates       base rates from the random route
 * @param profileVsRandom per group, the profile route against the random route (empty when either is missing)
 * @param precisionAtBaseRate the profile's would-be decisions on the random route, or null without a
 *                        profile-decision column
 */
public record RouteAnalysis(String column, List<String> routes, String profileRoute, String randomRoute,
        List<RouteCell> cells, BaseRates baseRates, List<ProfileVsRandomGroup> profileVsRandom,
        PrecisionAtBaseRate precisionAtBaseRate) {

    /** Without a profile-decision column. */
    public RouteAnalysis(String column, List<String> routes, String profileRoute, String randomRoute,
            List<RouteCell> cells, BaseRates baseRates, List<ProfileVsRandomGroup> profileVsRandom) {
        this(column, routes, profileRoute, randomRoute, cells, baseRates, profileVsRandom, null);
    }

    /** Copies. */
    public RouteAnalysis {
        routes = List.copyOf(routes);
        cells = List.copyOf(cells);
        profileVsRandom = List.copyOf(profileVsRandom);
    }
}
