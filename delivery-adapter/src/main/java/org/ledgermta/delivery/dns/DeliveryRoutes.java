package org.ledgermta.delivery.dns;

import java.util.List;
import java.util.Objects;
import org.ledgermta.domain.DomainName;

/** Where mail for a domain goes: its static route when {@code mta.routes} has one, else its MX. */
public final class DeliveryRoutes {

    private final StaticRoutes staticRoutes;
    private final MxResolver mxResolver;

    public DeliveryRoutes(StaticRoutes staticRoutes, MxResolver mxResolver) {
        this.staticRoutes = Objects.requireNonNull(staticRoutes, "staticRoutes");
        this.mxResolver = Objects.requireNonNull(mxResolver, "mxResolver");
    }

    public RouteResolution resolve(DomainName domain) {
        return staticRoutes.routeFor(domain)
                .<RouteResolution>map(route -> new RouteResolution.Destinations(List.of(route)))
                .orElseGet(() -> mxResolver.resolve(domain));
    }
}
