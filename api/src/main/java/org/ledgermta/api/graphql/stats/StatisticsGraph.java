package org.ledgermta.api.graphql.stats;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.PropertyDataFetcher;
import java.time.Clock;
import java.util.List;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.projections.stats.AccountCounts;
import org.ledgermta.projections.stats.DeliveryCounts;
import org.ledgermta.projections.stats.DeliveryStatistics;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Delivery statistics on {@code EgressIp} and {@code Account}. Who may see them is settled by the fields
 * that lead here: egress IPs are the operator's, and an account token only ever reaches its own account.
 */
@Controller
class StatisticsGraph {

    record ProviderCountsNode(String provider, long attempts, long delivered, long deferred, long bounced,
                              long blocked) {
        static ProviderCountsNode of(String provider, DeliveryCounts counts) {
            return new ProviderCountsNode(provider, counts.attempts(), counts.delivered(), counts.deferred(),
                    counts.bounced(), counts.blocked());
        }
    }

    record RejectionCountNode(String reason, long count) {
    }

    record AccountCountsNode(long accepted, long recipients, long delivered, long deferred, long bounced,
                             long rejected, List<RejectionCountNode> rejectedByReason) {
        static AccountCountsNode of(AccountCounts counts) {
            return new AccountCountsNode(counts.accepted(), counts.recipients(), counts.delivered(),
                    counts.deferred(), counts.bounced(), counts.rejected(),
                    counts.rejectedByReason().entrySet().stream()
                            .map(entry -> new RejectionCountNode(entry.getKey().name(), entry.getValue())).toList());
        }
    }

    private final DeliveryStatistics statistics;
    private final Clock clock;

    StatisticsGraph(DeliveryStatistics statistics) {
        this.statistics = statistics;
        this.clock = Clock.systemUTC();
    }

    @SchemaMapping(typeName = "EgressIp")
    DeliveryCounts stats(@Argument StatsWindow window, DataFetchingEnvironment environment) {
        return statistics.egressIp(egressIp(environment), window.length, clock.instant());
    }

    @SchemaMapping(typeName = "EgressIp")
    List<ProviderCountsNode> byProvider(@Argument StatsWindow window, DataFetchingEnvironment environment) {
        return statistics.egressIpByProvider(egressIp(environment), window.length, clock.instant()).entrySet()
                .stream().map(entry -> ProviderCountsNode.of(entry.getKey(), entry.getValue())).toList();
    }

    @SchemaMapping(typeName = "Account", field = "stats")
    AccountCountsNode accountStats(@Argument StatsWindow window, DataFetchingEnvironment environment) {
        AccountId account = new AccountId(property(environment, "name"));
        return AccountCountsNode.of(statistics.account(account, window.length, clock.instant()));
    }

    private static EgressIpAddress egressIp(DataFetchingEnvironment environment) {
        return new EgressIpAddress(property(environment, "address"));
    }

    /**
     * A field of the parent object, read as graphql-java reads the parent's own fields: the node records of
     * EgressIp and Account are the graphql package's own.
     */
    private static String property(DataFetchingEnvironment environment, String name) {
        try {
            return (String) PropertyDataFetcher.fetching(name).get(environment);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + name + " of " + environment.getSource(), e);
        }
    }
}
